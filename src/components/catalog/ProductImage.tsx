import Image from 'next/image';

/** The drawings' own size (public/products/*.svg): 4:3. */
export const PRODUCT_IMAGE_WIDTH = 320;
export const PRODUCT_IMAGE_HEIGHT = 240;

interface ProductImageProps {
  imageUrl: string | null;
  /** Empty when the image only repeats the name next to it. */
  alt: string;
  /** Load it early: the main image of the page. */
  preload?: boolean;
  className?: string;
}

/**
 * A product's drawing at a fixed 4:3 aspect ratio, so nothing moves when it arrives; a plain tile
 * of the same size when the product has none. SVGs are served as they are (never optimized).
 */
export function ProductImage({ imageUrl, alt, preload = false, className = '' }: ProductImageProps) {
  if (!imageUrl) return <div className={`product-image placeholder ${className}`} role={alt ? 'img' : undefined} aria-label={alt || undefined} />;
  return (
    <Image
      src={imageUrl}
      alt={alt}
      width={PRODUCT_IMAGE_WIDTH}
      height={PRODUCT_IMAGE_HEIGHT}
      unoptimized
      preload={preload}
      className={`product-image ${className}`}
    />
  );
}
