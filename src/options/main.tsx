import '../shared/zod-setup';
import { render } from 'preact';
import { isFramed } from '../ui/unframed';
import { OptionsPage } from './OptionsPage';
import { installOptionsStyles } from './options-css';

installOptionsStyles();
const app = document.getElementById('app');
if (app && !isFramed()) render(<OptionsPage now={() => Math.floor(Date.now() / 1000)} />, app);
