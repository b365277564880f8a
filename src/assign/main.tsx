import '../shared/zod-setup';
import { render } from 'preact';
import { AssignPage, readParams } from './AssignPage';
import { readFraming } from './framing';

const params = readParams(location.search);
if (params) document.documentElement.dataset.theme = params.theme;

// The banner listens for exactly this message from this frame and only closes the frame on it; the
// worker's task/changed event tells it to refresh after a successful assign.
const close = () => window.parent.postMessage({ steward: 'assign-closed' }, '*');

render(
  <AssignPage params={params} close={close} framing={readFraming(window)} />,
  document.getElementById('app')!,
);
