import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { TRPCReactProvider } from '~/client/TRPCReactProvider';
import { SiteHeader } from '~/components/layout/SiteHeader';
import './globals.css';

export const metadata: Metadata = {
  title: 'Idem Shop — exactly-once checkout',
  description: 'A demo shop whose checkout can be retried safely: every payment happens exactly once.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <TRPCReactProvider>
          <SiteHeader />
          <main id="main">{children}</main>
        </TRPCReactProvider>
      </body>
    </html>
  );
}
