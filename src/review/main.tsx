import '../shared/zod-setup';
import { render } from 'preact';
import { ReviewPage } from './ReviewPage';
import { installReviewStyles } from './review-css';

installReviewStyles();
const app = document.getElementById('app');
if (app) render(<ReviewPage initialInstance={new URLSearchParams(location.search).get('instance')} />, app);
