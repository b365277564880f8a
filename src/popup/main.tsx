import '../shared/zod-setup';
import { render } from 'preact';
import { isFramed } from '../ui/unframed';
import { Popup } from './Popup';
import { browserEnv } from './popup-env';
import { installPopupStyles } from './popup-css';

installPopupStyles();
const app = document.getElementById('app');
if (app && !isFramed()) render(<Popup env={browserEnv} />, app);
