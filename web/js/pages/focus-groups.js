// Focus Groups. Not built yet: explains what is coming.

import { comingSoonPage } from '../components/coming-soon.js';

export const title = 'Focus Groups';

export function render() {
  return comingSoonPage({
    heading: 'Focus Groups',
    lede: 'Moderated discussions between an AI moderator and your synthetic users.',
    iconName: 'groups',
    summary: 'Run moderated discussions and watch them live',
    features: [
      'Draft and edit a structured discussion guide',
      'See a cost estimate before every run, with a cap you control',
      'Step in as moderator, @mention a persona, pause and hand back',
      'Get key themes with quotes from the transcript',
    ],
  });
}
