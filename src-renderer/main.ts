import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n';
import { connectToMain } from './services/switchboard';
import './style.css';

void connectToMain().then(() => {
  createApp(App).use(createPinia()).use(i18n).mount('#app');
});
