// The extension page inside the banner's frame: loads the task's context through the worker (as an
// extension page, it may ask for any configured instance) and hosts the shared AssignPanel.
import { useEffect, useState } from 'preact/hooks';
import { declaredPerson, taskContext, type ReplyError, type TaskContext } from '../messages';
import { AssignPanel } from '../ui/assign/AssignPanel';
import { t } from '../ui/i18n';
import { call } from '../ui/rpc';
import { themeCss, UI_CSS } from '../ui/ui-css';
import { framedByInstance, type Framing } from './framing';

export interface AssignPageParams {
  instance: string;
  taskId: number;
  theme: 'light' | 'dark';
}

/** Reads instance, task and theme from the frame's address; null when they are missing or malformed. */
export function readParams(search: string): AssignPageParams | null {
  const query = new URLSearchParams(search);
  const instance = query.get('instance') ?? '';
  const taskId = Number(query.get('task'));
  let origin: string;
  try {
    const url = new URL(instance);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    origin = url.origin;
  } catch {
    return null;
  }
  if (!Number.isSafeInteger(taskId) || taskId <= 0) return null;
  return { instance: origin, taskId, theme: query.get('theme') === 'dark' ? 'dark' : 'light' };
}

const PAGE_CSS = `${themeCss(':root', false)}
html, body { margin: 0; background: var(--st-panel-bg); color: var(--st-fg); }
.st-page-message { font: 13px/1.45 sans-serif; padding: 12px 14px; }
${UI_CSS}`;

type Load =
  { kind: 'loading' } | { kind: 'ready'; context: TaskContext } | { kind: 'failed'; error: ReplyError };

export interface AssignPageProps {
  params: AssignPageParams | null;
  close(): void;
  /** How the page is framed (main.tsx reads it); the page refuses to act when not by the instance. */
  framing?: Framing;
}

export function AssignPage({ params, close, framing }: AssignPageProps) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const wrongFrame = params !== null && framing !== undefined && !framedByInstance(framing, params.instance);
  // `refresh`: read from Phabricator, not the cache (after the worker said the task changed).
  const read = (refresh: boolean) => {
    if (params === null || wrongFrame) return;
    void call(
      {
        type: 'task/context-on',
        instance: params.instance,
        taskId: params.taskId,
        ...(refresh ? { refresh } : {}),
      },
      taskContext,
    ).then((reply) => {
      // A failed read again keeps the panel as it was: its "task changed" says what to do.
      if (reply.ok) setLoad({ kind: 'ready', context: reply.data });
      else if (!refresh) setLoad({ kind: 'failed', error: reply.error });
    });
  };
  useEffect(() => read(false), []);

  const message = (text: string) => (
    <div class="st-page-message" role="alert">
      <p>{text}</p>
      <button type="button" class="st-button" onClick={close}>
        {t('assignpage_close')}
      </button>
    </div>
  );

  let body;
  if (params === null) body = message(t('assignpage_bad_address'));
  else if (wrongFrame) body = message(t('assignpage_wrong_frame', params.instance));
  else if (load.kind === 'loading') body = <p class="st-page-message">{t('assignpage_loading')}</p>;
  else if (load.kind === 'failed') body = message(t('assignpage_failed', load.error.message));
  else {
    const { context } = load;
    const current = declaredPerson(context.processOwner);
    body = (
      <AssignPanel
        instance={context.instance}
        taskId={context.task.id}
        taskTitle={context.task.title}
        expectedDateModified={context.task.dateModified}
        suggestions={context.suggestions}
        viewer={context.viewer}
        currentOwner={current}
        theme={params.theme}
        guardConfirm
        onDone={close}
        onCancel={close}
        onTaskChanged={() => read(true)}
      />
    );
  }
  return (
    <>
      <style>{PAGE_CSS}</style>
      {body}
    </>
  );
}
