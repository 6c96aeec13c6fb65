import { z } from 'zod';
import { COUNTRY_CODES } from './countries';

/**
 * What checkout asks the shopper for besides the card: a contact email and a shipping address.
 * One zod schema for both sides — the server validates `placeOrder`'s input with it, and the
 * checkout form can validate with the same rules before sending. No server imports here.
 *
 * Every text is trimmed, bounded and free of control characters (a NUL cannot be stored in a
 * PostgreSQL text column, a line break has no place on a label, a lone surrogate is no text). Optional fields may be sent
 * empty: an empty string means "none".
 */

/**
 * Plain text only: no C0/C1 control characters (NUL, line breaks, tabs…), no lone surrogates (each
 * database would store a different replacement), no Unicode line or paragraph separators, and no
 * bidirectional embedding, override or isolate controls (they can make a label read backwards).
 */
const NO_CONTROL_CHARACTERS = /^[^\p{Cc}\p{Cs}\p{Zl}\p{Zp}\u202A-\u202E\u2066-\u2069]*$/u;

/** A trimmed, bounded line of text; `min` 1 unless the field may be empty. */
const text = (max: number, { min = 1, label }: { min?: number; label: string }) =>
  z
    .string()
    .trim()
    .min(min, min > 0 ? `${label} is required` : undefined)
    .max(max, `${label} is at most ${max} characters`)
    .regex(NO_CONTROL_CHARACTERS, `${label} must be plain text`);

/** Limits, for forms that want to say them (`maxLength`). */
export const CHECKOUT_FIELD_LIMITS = { email: 254, name: 100, line1: 100, line2: 100, city: 60, region: 60, postalCode: 12 } as const;

/** Letters, digits, spaces and hyphens, 2–12 characters: every country's format fits, none is enforced. */
const POSTAL_CODE = /^[A-Za-z0-9][A-Za-z0-9 -]*[A-Za-z0-9]$/;

export const contactSchema = z.object({
  email: z
    .string()
    .trim()
    .max(CHECKOUT_FIELD_LIMITS.email, `Email is at most ${CHECKOUT_FIELD_LIMITS.email} characters`)
    .check(z.email({ message: 'Enter an email address like name@example.com' }))
    .describe('Where the receipt goes.'),
});

export const shippingAddressSchema = z.object({
  name: text(CHECKOUT_FIELD_LIMITS.name, { label: 'Name' }).describe("The recipient's full name."),
  line1: text(CHECKOUT_FIELD_LIMITS.line1, { label: 'Address' }).describe('Street and number.'),
  line2: text(CHECKOUT_FIELD_LIMITS.line2, { min: 0, label: 'Address line 2' }).optional().describe('Apartment, suite, floor…; empty for none.'),
  city: text(CHECKOUT_FIELD_LIMITS.city, { label: 'City' }),
  region: text(CHECKOUT_FIELD_LIMITS.region, { min: 0, label: 'State or region' }).optional().describe('State, province or region, where the country uses one; empty for none.'),
  postalCode: z
    .string()
    .trim()
    .min(2, 'Postal code is required')
    .max(CHECKOUT_FIELD_LIMITS.postalCode, `Postal code is at most ${CHECKOUT_FIELD_LIMITS.postalCode} characters`)
    .regex(POSTAL_CODE, 'Postal code may hold letters, digits, spaces and hyphens')
    .describe('Checked loosely: 2–12 letters, digits, spaces or hyphens.'),
  country: z.enum(COUNTRY_CODES, { message: 'We do not ship to that country' }).describe('ISO 3166-1 alpha-2; see SUPPORTED_COUNTRIES.'),
});

/** Contact and shipping, as `placeOrder` takes them next to the cart (or items) and the card. */
export const checkoutDetailsSchema = z.object({ contact: contactSchema, shipping: shippingAddressSchema });

/** What the form sends. */
export type ContactInput = z.input<typeof contactSchema>;
export type ShippingAddressInput = z.input<typeof shippingAddressSchema>;
export type CheckoutDetailsInput = z.input<typeof checkoutDetailsSchema>;
/** What the server stores (trimmed). */
export type ShippingAddress = z.output<typeof shippingAddressSchema>;
