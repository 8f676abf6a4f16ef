// "Generate a panel" (the `generate-panel` and `empty-generate` buttons of Synthetic Users): opens the generation
// wizard, preselecting the folder the list is showing.

import { NO_FOLDER } from './persona-api.js';
import { openGenerationWizard } from './generation-wizard.js';

export function openGenerateDialog({ returnFocusTo, folderId } = {}) {
  const shown = folderId ?? new URLSearchParams(window.location.search).get('folder');
  const folder = shown && shown !== NO_FOLDER && shown !== 'all' ? shown : null;
  return openGenerationWizard({ returnFocusTo, folderId: folder });
}
