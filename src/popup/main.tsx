import '../shared/zod-setup';
import { render } from 'preact';

function Popup() {
  return <main>Steward</main>;
}

render(<Popup />, document.getElementById('app')!);
