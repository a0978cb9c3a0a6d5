import { createPinia } from 'pinia';
import { createApp, watch } from 'vue';
import App from './App.vue';
import { i18n } from './i18n';
import { speakFor } from './i18n/language-choice';
import { canReachMain, connectToMain } from './services/switchboard';
import './style.css';
import MissingTokenView from './views/MissingTokenView.vue';

speakFor(undefined);
if (!canReachMain()) createApp(MissingTokenView).use(i18n).mount('#app');
else
  void connectToMain().then((api) => {
    // What main draws itself (the tray, native notifications) speaks the page's language.
    watch(i18n.global.locale, (language) => void api.desktop.speak({ language }), { immediate: true });
    createApp(App).use(createPinia()).use(i18n).mount('#app');
  });
