// Synthetic Users (personas). Not built yet: explains what is coming.

import { comingSoonPage } from '../components/coming-soon.js';

export const title = 'Synthetic Users';

export function render() {
  return comingSoonPage({
    heading: 'Synthetic Users',
    lede: 'The AI personas that take part in your focus groups.',
    iconName: 'users',
    summary: 'Build diverse panels of synthetic users',
    features: [
      'Generate a panel from an audience brief, with a visible sampling plan and diversity score',
      'Ground personas in your own customer data',
      'Refine a persona with a plain-language instruction',
      'Organise personas in folders and export them',
    ],
  });
}
