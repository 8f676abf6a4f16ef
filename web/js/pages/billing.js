// Billing. Not built yet: explains what is coming.

import { comingSoonPage } from '../components/coming-soon.js';

export const title = 'Billing';

export function render() {
  return comingSoonPage({
    heading: 'Billing',
    lede: 'Credit packs and receipts.',
    iconName: 'billing',
    summary: 'Top up your credits in a few clicks',
    features: [
      'Buy a credit pack through secure Stripe Checkout',
      'Credits arrive on your balance as soon as the payment clears',
      'Every purchase appears in your credit history',
    ],
  });
}
