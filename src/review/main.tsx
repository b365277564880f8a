import '../shared/zod-setup';
import { render } from 'preact';
import { ReviewPage, askFirstScreen } from './ReviewPage';
import { installReviewStyles } from './review-css';
import { isFramed } from '../ui/unframed';

installReviewStyles();
const app = document.getElementById('app');
// Like the popup and options page, it never runs inside a frame (a page could overlay it to trick clicks).
if (app && !isFramed()) {
  const initialInstance = new URLSearchParams(location.search).get('instance');
  // Asked before the first render: the worker reads its cache while the page draws its frame.
  const opening = askFirstScreen(initialInstance);
  render(<ReviewPage initialInstance={initialInstance} opening={opening} />, app);
}
