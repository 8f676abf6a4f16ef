// Admin. Not built yet: explains what is coming. The router only opens it for admins.

import { comingSoonPage } from '../components/coming-soon.js';

export const title = 'Admin';

export function render() {
  return comingSoonPage({
    heading: 'Admin',
    lede: 'Operate Cohorta: users, usage, pricing and credits.',
    iconName: 'admin',
    summary: 'Run the workspace with confidence',
    features: [
      'Manage users and adjust balances with a recorded reason',
      'Usage, margins and analytics across all users',
      'Model prices, credit costs, trial credits and packs',
    ],
  });
}
