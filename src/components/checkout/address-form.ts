import { checkoutDetailsSchema, type CheckoutDetailsInput } from '~/shared/checkout-details';

/** The checkout form's text fields, as typed (untrimmed); `country` is an ISO 3166-1 alpha-2 code or ''. */
export interface AddressFormValues {
  email: string;
  name: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

export type AddressField = keyof AddressFormValues;

/** The order the fields appear in: the first invalid one takes focus on submit. */
export const ADDRESS_FIELDS: readonly AddressField[] = ['email', 'name', 'line1', 'line2', 'city', 'region', 'postalCode', 'country'];

export const EMPTY_ADDRESS: AddressFormValues = Object.freeze({ email: '', name: '', line1: '', line2: '', city: '', region: '', postalCode: '', country: '' });

/** The form as the input's contact and shipping parts, before validation (`country` may be ''). */
type ContactAndShippingDraft = Omit<CheckoutDetailsInput, 'shipping'> & { shipping: Omit<CheckoutDetailsInput['shipping'], 'country'> & { country: string } };

/** The input's contact and shipping parts: trimmed, with the empty optional lines left out. */
export function toContactAndShipping(values: AddressFormValues): ContactAndShippingDraft {
  const line2 = values.line2.trim();
  const region = values.region.trim();
  return {
    contact: { email: values.email.trim() },
    shipping: {
      name: values.name.trim(),
      line1: values.line1.trim(),
      ...(line2 ? { line2 } : {}),
      city: values.city.trim(),
      ...(region ? { region } : {}),
      postalCode: values.postalCode.trim(),
      country: values.country,
    },
  };
}

export type AddressErrors = Partial<Record<AddressField, string>>;

/** The form checked with the shared schema (the server's rules): what to send, or what to fix. */
export type AddressCheck = { ok: true; details: CheckoutDetailsInput } | { ok: false; errors: AddressErrors };

/**
 * Checks the form: the input's contact and shipping parts, or one message per field (the first the
 * shared schema reports, in the words the server uses too).
 */
export function checkAddress(values: AddressFormValues): AddressCheck {
  const draft = toContactAndShipping(values);
  const result = checkoutDetailsSchema.safeParse(draft);
  if (result.success) return { ok: true, details: { ...draft, shipping: { ...draft.shipping, country: result.data.shipping.country } } };
  const errors: AddressErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.at(-1);
    if (typeof field !== 'string' || !isAddressField(field) || errors[field]) continue;
    errors[field] = field === 'country' ? 'Choose the country to ship to.' : sentence(issue.message);
  }
  return { ok: false, errors };
}

/** The form's problems by field; `{}` when it can be sent. */
export function validateAddress(values: AddressFormValues): AddressErrors {
  const check = checkAddress(values);
  return check.ok ? {} : check.errors;
}

function sentence(message: string): string {
  return /[.!?]$/.test(message) ? message : `${message}.`;
}

function isAddressField(name: string): name is AddressField {
  return (ADDRESS_FIELDS as readonly string[]).includes(name);
}

/** The form showing what a payment was sent with, e.g. one resumed after a reload. */
export function addressFormValuesOf(details: { contact: { email: string }; shipping: ContactAndShippingDraft['shipping'] }): AddressFormValues {
  const { name, line1, line2 = '', city, region = '', postalCode, country } = details.shipping;
  return { email: details.contact.email, name, line1, line2, city, region, postalCode, country };
}
