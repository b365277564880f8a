import '../shared/zod-setup';
import { render } from 'preact';

function Options() {
  return <main>Steward options</main>;
}

render(<Options />, document.getElementById('app')!);
