/**
 * Stripe's request bodies: `application/x-www-form-urlencoded` with nested objects and arrays in
 * bracket notation (`line_items[0][price_data][currency]=usd`, `metadata[order_id]=…`), as its
 * API reference writes them. Brackets stay literal (Stripe accepts them either way, and literal
 * ones keep recorded requests readable); everything else is percent-encoded.
 */
export type StripeFormValue =
  | string
  | number
  | boolean
  | StripeFormValue[]
  | { [key: string]: StripeFormValue | undefined };

export function encodeStripeForm(params: Record<string, StripeFormValue | undefined>): string {
  const pairs: string[] = [];
  const walk = (prefix: string, value: StripeFormValue | undefined): void => {
    if (value === undefined) return;
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) walk(`${prefix}[${index}]`, item);
    } else if (typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) walk(`${prefix}[${encodeKey(key)}]`, inner);
    } else {
      pairs.push(`${prefix}=${encodeURIComponent(String(value))}`);
    }
  };
  for (const [key, value] of Object.entries(params)) walk(encodeKey(key), value);
  return pairs.join('&');
}

function encodeKey(key: string): string {
  return encodeURIComponent(key);
}
