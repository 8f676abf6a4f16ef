// The folder sidebar of Synthetic Users: "All personas", "No folder" and the user's folders as an indented
// tree, each with its persona count. The current choice carries aria-current="true". Folder rows have rename
// and delete buttons (shown on hover/focus on pointer devices, always on touch screens).
//
// handlers: onSelect(key) with key 'all' | 'none' | folder id; onCreate(trigger); onRename(folder, trigger);
// onDelete(folder, trigger). Returns { element, update({ folders, selected, totals: { all, none } }) }.

import { h } from '../lib/dom.js';
import { formatNumber } from '../lib/format.js';
import { folderTree, NO_FOLDER } from './persona-api.js';
import { icon } from './icon.js';

export const ALL = 'all';

export function createFolderTree({ onSelect, onCreate, onRename, onDelete }) {
  const create = h('button', { type: 'button', class: 'btn btn-ghost btn-icon btn-sm', 'aria-label': 'New folder', dataset: { testid: 'new-folder' } }, icon('folderPlus'));
  create.addEventListener('click', () => onCreate(create));
  const list = h('ul', { class: 'folder-tree' });
  const element = h(
    'nav',
    { class: 'folder-panel', 'aria-label': 'Folders', dataset: { testid: 'folder-tree' } },
    h('div', { class: 'folder-panel-header' }, h('h2', { id: 'folders-heading', text: 'Folders' }), create),
    list,
  );

  function item({ key, label, iconName, count, selected, depth = 0, testid, folder }) {
    const button = h(
      'button',
      {
        type: 'button',
        class: 'folder-item',
        'aria-current': selected ? 'true' : null,
        dataset: { testid, key, name: label },
      },
      icon(iconName),
      h('span', { class: 'folder-item-name', text: label }),
      typeof count === 'number' && h('span', { class: 'folder-count', 'aria-label': `${count} personas`, text: formatNumber(count) }),
    );
    button.addEventListener('click', () => onSelect(key));
    const row = h('div', { class: 'folder-row' }, button);
    if (folder) {
      const rename = h('button', { type: 'button', class: 'folder-action', 'aria-label': `Rename folder ${folder.name}`, dataset: { testid: 'rename-folder' } }, icon('pencil'));
      const remove = h('button', { type: 'button', class: 'folder-action folder-action--danger', 'aria-label': `Delete folder ${folder.name}`, dataset: { testid: 'delete-folder' } }, icon('trash'));
      rename.addEventListener('click', () => onRename(folder, rename));
      remove.addEventListener('click', () => onDelete(folder, remove));
      row.append(h('div', { class: 'folder-actions' }, rename, remove));
    }
    return h('li', { class: `folder-depth-${Math.min(depth, 5)}` }, row);
  }

  function update({ folders, selected, totals }) {
    const hadFocus = list.contains(document.activeElement) ? document.activeElement.closest('[data-key]')?.dataset.key : null;
    const rows = [
      item({ key: ALL, label: 'All personas', iconName: 'users', count: totals.all, selected: selected === ALL, testid: 'folder-all' }),
      item({ key: NO_FOLDER, label: 'No folder', iconName: 'inbox', count: totals.none, selected: selected === NO_FOLDER, testid: 'folder-none' }),
    ];
    const tree = folderTree(folders);
    if (tree.length) rows.push(h('li', { class: 'folder-tree-label', 'aria-hidden': 'true', text: 'Your folders' }));
    for (const { folder, depth } of tree) {
      rows.push(
        item({ key: folder.id, label: folder.name, iconName: 'folder', count: folder.persona_count, selected: selected === folder.id, depth, testid: 'folder-item', folder }),
      );
    }
    if (!tree.length) rows.push(h('li', { class: 'folder-tree-hint', text: 'Group personas by study or audience with folders.' }));
    list.replaceChildren(...rows);
    if (hadFocus) list.querySelector(`[data-key="${CSS.escape(hadFocus)}"]`)?.focus();
  }

  return { element, update };
}
