// Plain TypeScript (the linter's type service) reads .vue imports through this; vue-tsc reads the files.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
