import type en from './en.json';

type WordsOf<T> = { readonly [K in keyof T]: T[K] extends string ? string : WordsOf<T[K]> };

/** The shape every language's words must have: English's keys, any text. */
export type Words = WordsOf<typeof en>;
