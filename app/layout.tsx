import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'Idem Shop — exactly-once checkout',
  description: 'A demo shop whose checkout can be retried safely: every payment happens exactly once.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <a href="/" className="brand">
            Idem Shop
          </a>
          <span className="tagline">exactly-once checkout</span>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
