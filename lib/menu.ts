/**
 * The demo shop's menu behind /order. Orders from tills and web shops carry free-text item names,
 * so nothing on the server depends on this list; it only feeds the customer form.
 */
export interface MenuItem {
  id: string;
  name: string;
  description: string;
  /** Price in cents, so totals add up exactly. */
  priceCents: number;
}

export const MENU: readonly MenuItem[] = [
  {
    id: "margherita",
    name: "Margherita pizza",
    description: "San Marzano tomato, fior di latte, basil.",
    priceCents: 1150,
  },
  {
    id: "diavola",
    name: "Diavola pizza",
    description: "Spicy salami, chilli oil, mozzarella.",
    priceCents: 1350,
  },
  {
    id: "burger",
    name: "Smash burger",
    description: "Two patties, cheddar, pickles, house sauce.",
    priceCents: 1290,
  },
  {
    id: "salad",
    name: "Garden salad",
    description: "Leaves, cucumber, radish, lemon dressing.",
    priceCents: 850,
  },
  {
    id: "fries",
    name: "Fries",
    description: "Hand-cut, sea salt, aioli on the side.",
    priceCents: 450,
  },
  {
    id: "lemonade",
    name: "Lemonade",
    description: "Freshly squeezed, lightly sparkling.",
    priceCents: 350,
  },
];

const priceFormat = new Intl.NumberFormat("en-GB", { style: "currency", currency: "EUR" });

export function formatPrice(cents: number): string {
  return priceFormat.format(cents / 100);
}
