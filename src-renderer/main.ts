import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n';
import { speakFor } from './i18n/language-choice';
import { canReachMain, connectToMain } from './services/switchboard';
import './style.css';
import MissingTokenView from './views/MissingTokenView.vue';

speakFor(undefined);
if (!canReachMain()) createApp(MissingTokenView).use(i18n).mount('#app');
else
  void connectToMain().then(() => {
    createApp(App).use(createPinia()).use(i18n).mount('#app');
  });
