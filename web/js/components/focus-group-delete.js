// "Delete focus group" from the list or the group's page: asks first, deletes (a group already gone counts as
// deleted), and says what happened. Resolves true when the group is gone.

import { confirmDialog } from './dialog.js';
import { deleteFocusGroup } from './focus-group-api.js';
import { showToast } from './toast.js';

export async function deleteGroupFlow(group, trigger) {
  const confirmed = await confirmDialog({
    title: `Delete ${group.name}?`,
    message: 'The focus group, its stimuli and its discussion guide are deleted. The personas stay in Synthetic Users. This cannot be undone.',
    confirmLabel: 'Delete focus group',
    danger: true,
    returnFocusTo: trigger,
  });
  if (!confirmed) return false;
  try {
    await deleteFocusGroup(group.id);
  } catch (error) {
    if (error.status !== 404) {
      showToast({ kind: 'error', title: 'Could not delete the focus group', message: error.message });
      return false;
    }
  }
  showToast({ kind: 'success', message: `Deleted ${group.name}.` });
  return true;
}
