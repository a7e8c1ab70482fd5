/**
 * How the console states a model's price in one line, wherever a model appears (the model picker,
 * the Models page, the public /pricing page): per 1M tokens in and out, or, for a model sold by the
 * unit with no token price (a fixed price per request, dall-e and Imagen by the image, Sora and Veo
 * by the second of video, whisper by the second of audio, tts by the character, rerankers by the
 * search), its lowest price per unit (`from` when sizes or qualities differ). Per-unit prices are
 * per ONE unit; characters read better per 1M.
 */
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from './money';
import type { ModelPrices } from './types';

export type PriceLine =
  | { kind: 'tokens'; input: number; output: number }
  | { kind: UnitPriceKind; units: number; from: boolean };

export type UnitPriceKind = 'perImage' | 'perSecond' | 'perMillionCharacters' | 'perSearch' | 'perRequest';
export type UnitPriceLine = Extract<PriceLine, { kind: UnitPriceKind }>;

/** Unit key families in the order a line prefers them, with how a line states each. */
const UNIT_FAMILIES = [
  ['image', 'perImage', 1],
  ['video_second', 'perSecond', 1],
  ['audio_second', 'perSecond', 1],
  ['character', 'perMillionCharacters', 1_000_000],
  ['search', 'perSearch', 1],
] as const;

/** Token prices first (a model with both, as Gemini image models, is stated per token). */
export function priceLine(price: ModelPrices): PriceLine {
  if (price.input !== undefined || price.output !== undefined) {
    return { kind: 'tokens', input: price.input ?? 0, output: price.output ?? 0 };
  }
  return unitPriceLine(price) ?? { kind: 'tokens', input: 0, output: 0 };
}

/** The price per unit of a model that has one (per image, per request...), else undefined. */
export function unitPriceLine(price: ModelPrices): UnitPriceLine | undefined {
  const perUnit = price.perUnit ?? {};
  for (const [family, kind, scale] of UNIT_FAMILIES) {
    const prices = Object.entries(perUnit)
      .filter(([key]) => key === family || key.startsWith(`${family}:`))
      .map(([, units]) => units);
    if (prices.length > 0) {
      return { kind, units: Math.min(...prices) * scale, from: new Set(prices).size > 1 };
    }
  }
  if (price.perImage !== undefined) return { kind: 'perImage', units: price.perImage, from: false };
  if (price.perRequest !== undefined) return { kind: 'perRequest', units: price.perRequest, from: false };
  return undefined;
}

/** `$0.04 / request`, `from $0.04 / image` (`$0.04 / 次`, `$0.04 / 张图 起` in Chinese: `common:unitPrice`). */
export function formatUnitPrice(line: UnitPriceLine, t: TFunction<'common'>): string {
  const amount = formatMoney(line.units);
  const unit = t(`unitPrice.unit.${line.kind}`);
  return line.from ? t('unitPrice.fromPer', { amount, unit }) : t('unitPrice.per', { amount, unit });
}

/** formatUnitPrice in the console's language. */
export function useFormatUnitPrice(): (line: UnitPriceLine) => string {
  const { t } = useTranslation('common');
  return useCallback((line: UnitPriceLine) => formatUnitPrice(line, t), [t]);
}
