// My Usage. Not built yet: explains what is coming.

import { comingSoonPage } from '../components/coming-soon.js';

export const title = 'My Usage';

export function render() {
  return comingSoonPage({
    heading: 'My Usage',
    lede: 'What your research has used, run by run.',
    iconName: 'usage',
    summary: 'Understand where your credits go',
    features: [
      'Credits and AI usage for every persona generation and focus group run',
      'Your monthly usage against your limit',
      'Exports of usage for your finance team',
    ],
  });
}
