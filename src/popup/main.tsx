import '../shared/zod-setup';
import { render } from 'preact';
import { isFramed } from '../ui/unframed';
import { Popup } from './Popup';
import { browserEnv } from './popup-env';
import { installPopupStyles } from './popup-css';
import { askFirstScreen } from './use-watchlist';

installPopupStyles();
const app = document.getElementById('app');
// Asked before the first render: the worker answers while the page draws its frame.
if (app && !isFramed()) render(<Popup env={browserEnv} opening={askFirstScreen()} />, app);
