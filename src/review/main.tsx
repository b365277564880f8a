import '../shared/zod-setup';
import { render } from 'preact';
import { ReviewPage } from './ReviewPage';
import { installReviewStyles } from './review-css';
import { isFramed } from '../ui/unframed';

installReviewStyles();
const app = document.getElementById('app');
// Like the popup and options page, it never runs inside a frame (a page could overlay it to trick clicks).
if (app && !isFramed())
  render(<ReviewPage initialInstance={new URLSearchParams(location.search).get('instance')} />, app);
