// "Test connection": who Steward is signed in as on the instance, or why it cannot be.
import { useEffect, useRef, useState } from 'preact/hooks';
import { connectionTestReply, type ConnectionTestReply, type ReplyError } from '../messages';
import { t } from '../ui/i18n';
import { call } from '../ui/rpc';

export function ConnectionTest({ origin }: { origin: string }) {
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<
    { ok: true; data: ConnectionTestReply } | { ok: false; error: ReplyError } | null
  >(null);
  // Keyed by origin in the card: once the address changes this one is gone, and an answer arriving
  // afterwards is about an address no longer on screen.
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );

  async function test() {
    // The button is aria-disabled, not disabled, while a test runs: disabling it would drop the focus.
    if (pending) return;
    setPending(true);
    setResult(null);
    const reply = await call({ type: 'connection/test', instance: origin }, connectionTestReply);
    if (!live.current) return;
    setResult(reply);
    setPending(false);
  }

  return (
    <div class="connection-test">
      <button type="button" class="st-button" aria-disabled={pending} onClick={() => void test()}>
        {pending ? t('options_testing') : t('options_test_connection')}
      </button>
      <p
        role="status"
        class="test-result"
        data-result={result === null ? 'none' : result.ok ? 'ok' : 'failed'}
      >
        {result?.ok &&
          t(
            result.data.authMode === 'token' ? 'options_test_ok_token' : 'options_test_ok_session',
            result.data.realName,
            result.data.username,
          )}
        {result && !result.ok && t('options_test_failed', result.error.message)}
      </p>
    </div>
  );
}
