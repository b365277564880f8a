import '../shared/zod-setup';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { helloReply, type HelloReply } from '../messages';
import { ask } from './messaging';

const HOST_ID = 'steward-banner-host';

function Connected() {
  const [hello, setHello] = useState<HelloReply | null>(null);
  useEffect(() => {
    void ask({ type: 'hello' }, helloReply).then((reply) => reply.ok && setHello(reply.data));
  }, []);
  return (
    <div data-steward="banner" data-state={hello ? 'connected' : 'loading'}>
      {hello ? `Steward ${hello.version}` : ''}
    </div>
  );
}

function main() {
  if (!/^\/T\d+\/?$/.test(location.pathname) || document.getElementById(HOST_ID)) return;
  const host = document.createElement('div');
  host.id = HOST_ID;
  const shadow = host.attachShadow({ mode: 'open' });
  (document.querySelector('#phabricator-standard-page-body') ?? document.body).prepend(host);
  render(<Connected />, shadow);
}

main();
