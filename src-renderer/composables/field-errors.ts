import { computed, inject, provide, type ComputedRef, type InjectionKey } from 'vue';

type FieldErrors = Readonly<Record<string, string>> | undefined;
const FIELD_ERRORS: InjectionKey<() => FieldErrors> = Symbol('field errors');

/** A form hands main's refusal, by setting name, to every field inside it. */
export function provideFieldErrors(errors: () => FieldErrors): void {
  provide(FIELD_ERRORS, errors);
}

/** What main said is wrong with this one setting, if anything. */
export function useFieldError(field: () => string | undefined): ComputedRef<string | undefined> {
  const errors = inject(FIELD_ERRORS, () => undefined);
  return computed(() => {
    const name = field();
    return name === undefined ? undefined : errors()?.[name];
  });
}
