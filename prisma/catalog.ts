import type { ProductCategory } from '../src/generated/sqlite/enums';

/** The demo catalog. Prices in cents (USD). */
export interface SeedProduct {
  id: string;
  sku: string;
  name: string;
  description: string;
  category: ProductCategory;
  /** A drawing shipped under public/: `/products/<id>.svg`. */
  imageUrl: string;
  priceCents: number;
  stock: number;
}

export const catalog: readonly SeedProduct[] = [
  { id: 'aeropress-go', sku: 'BRW-001', name: 'AeroPress Go Travel Coffee Press', category: 'BREWERS', imageUrl: '/products/aeropress-go.svg', description: 'Compact press that brews a smooth cup anywhere; packs into its own mug.', priceCents: 3995, stock: 40 },
  { id: 'hario-v60', sku: 'BRW-002', name: 'Hario V60 Ceramic Dripper', category: 'BREWERS', imageUrl: '/products/hario-v60.svg', description: 'Size 02 cone dripper in white porcelain with spiral ribs for even extraction.', priceCents: 2750, stock: 35 },
  { id: 'chemex-6cup', sku: 'BRW-003', name: 'Chemex Six-Cup Pour-Over', category: 'BREWERS', imageUrl: '/products/chemex-6cup.svg', description: 'Hand-blown borosilicate carafe with polished wood collar and leather tie.', priceCents: 4895, stock: 18 },
  { id: 'baratza-encore', sku: 'GRD-001', name: 'Baratza Encore Burr Grinder', category: 'GRINDERS', imageUrl: '/products/baratza-encore.svg', description: '40 grind settings with conical burrs; the classic first grinder.', priceCents: 16995, stock: 12 },
  { id: 'fellow-stagg', sku: 'KTL-001', name: 'Fellow Stagg EKG Kettle', category: 'ACCESSORIES', imageUrl: '/products/fellow-stagg.svg', description: 'Electric gooseneck kettle with variable temperature and hold mode.', priceCents: 16500, stock: 9 },
  { id: 'acaia-pearl', sku: 'SCL-001', name: 'Acaia Pearl Coffee Scale', category: 'ACCESSORIES', imageUrl: '/products/acaia-pearl.svg', description: 'Bluetooth scale with 0.1 g resolution and a built-in timer.', priceCents: 14995, stock: 7 },
  { id: 'ethiopia-guji', sku: 'BEA-001', name: 'Ethiopia Guji Natural, 340 g', category: 'BEANS', imageUrl: '/products/ethiopia-guji.svg', description: 'Light roast with notes of blueberry, jasmine and cocoa nib.', priceCents: 1900, stock: 120 },
  { id: 'colombia-huila', sku: 'BEA-002', name: 'Colombia Huila Washed, 340 g', category: 'BEANS', imageUrl: '/products/colombia-huila.svg', description: 'Medium roast; caramel, red apple and a clean, bright finish.', priceCents: 1750, stock: 150 },
  { id: 'kenya-nyeri', sku: 'BEA-003', name: 'Kenya Nyeri AA, 340 g', category: 'BEANS', imageUrl: '/products/kenya-nyeri.svg', description: 'Juicy blackcurrant and grapefruit acidity from high-grown SL28.', priceCents: 2200, stock: 80 },
  { id: 'espresso-blend', sku: 'BEA-004', name: 'House Espresso Blend, 1 kg', category: 'BEANS', imageUrl: '/products/espresso-blend.svg', description: 'Brazil and Guatemala blend: chocolate, hazelnut, syrupy body.', priceCents: 3800, stock: 60 },
  { id: 'v60-filters', sku: 'ACC-001', name: 'V60 Paper Filters, 100 pack', category: 'ACCESSORIES', imageUrl: '/products/v60-filters.svg', description: 'Tabbed, oxygen-bleached filters sized for 02 drippers.', priceCents: 695, stock: 300 },
  { id: 'kinto-mug', sku: 'ACC-002', name: 'Kinto Travel Tumbler, 350 ml', category: 'ACCESSORIES', imageUrl: '/products/kinto-mug.svg', description: 'Double-walled stainless tumbler that keeps coffee hot for hours.', priceCents: 3400, stock: 25 },
  { id: 'knock-box', sku: 'ACC-003', name: 'Espresso Knock Box', category: 'ACCESSORIES', imageUrl: '/products/knock-box.svg', description: 'Stainless bin with a rubber-sleeved bar for spent pucks.', priceCents: 2900, stock: 15 },
  { id: 'limited-gesha', sku: 'BEA-005', name: 'Panama Gesha Lot 7, 100 g', category: 'BEANS', imageUrl: '/products/limited-gesha.svg', description: 'Micro-lot with bergamot and peach; very limited availability.', priceCents: 5500, stock: 3 },
];
