// Branded number types: a Metres value cannot be passed where Degrees are expected,
// which is how the "never measure in degrees" rule is kept by the compiler.
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type Metres = Brand<number, 'Metres'>;
export type SquareMetres = Brand<number, 'SquareMetres'>;
export type SquareKilometres = Brand<number, 'SquareKilometres'>;
export type Degrees = Brand<number, 'Degrees'>;
export type Dbm = Brand<number, 'dBm'>;
export type Decibels = Brand<number, 'dB'>;

export const metres = (n: number): Metres => n as Metres;
export const squareKm = (n: number): SquareKilometres => n as SquareKilometres;
export const degrees = (n: number): Degrees => n as Degrees;
export const dbm = (n: number): Dbm => n as Dbm;
export const decibels = (n: number): Decibels => n as Decibels;
export const m2ToKm2 = (a: SquareMetres): SquareKilometres => (a / 1e6) as SquareKilometres;
