// intstr.GetScaledValueFromIntOrPercent: an int as is; "N%" of `total`, rounded up or down.

export class InvalidIntOrPercent extends Error {
  override name = 'InvalidIntOrPercent';
}

/** Throws InvalidIntOrPercent for a string that is not `<int>%` (upstream's "invalid value for IntOrString"). */
export function scaledValue(value: number | string | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const m = /^(-?\d+)%$/.exec(value);
  if (!m) {
    if (/^-?\d+$/.test(value)) throw new InvalidIntOrPercent(`invalid value for IntOrString: invalid type: string is not a percentage`);
    throw new InvalidIntOrPercent(`invalid value for IntOrString: invalid value ${JSON.stringify(value)}`);
  }
  const scaled = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

export const isPercent = (value: number | string | undefined): value is string => typeof value === 'string';
