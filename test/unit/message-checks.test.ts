// The content script's only checks of what the worker sends: the reply envelope, the task/changed event,
// and the shape of a task context (a worker of another version must not crash the banner).
import { describe, expect, it } from 'vitest';
import { asReply, changedTaskId, isTaskContext } from '../../src/message-checks';
import { taskContext } from '../../src/messages';
import { t14 } from '../fixtures/contexts/task-contexts';

describe('asReply', () => {
  it('passes a success or an error envelope through', () => {
    expect(asReply({ ok: true, data: { watched: true } })).toEqual({ ok: true, data: { watched: true } });
    expect(asReply({ ok: false, error: { kind: 'network', message: 'down' } })).toEqual({
      ok: false,
      error: { kind: 'network', message: 'down' },
    });
  });

  it.each([
    undefined,
    null,
    'ok',
    [],
    { ok: true },
    { ok: false },
    { ok: false, error: { kind: 1 } },
    { ok: 'yes', data: 1 },
  ])('refuses %j', (raw) => expect(asReply(raw)).toBeNull());
});

describe('changedTaskId', () => {
  it('reads the task id of a task/changed event and nothing else', () => {
    expect(changedTaskId({ type: 'task/changed', taskId: 14 })).toBe(14);
    expect(changedTaskId({ type: 'task/changed', taskId: '14' })).toBeNull();
    expect(changedTaskId({ type: 'task/changed', taskId: -1 })).toBeNull();
    expect(changedTaskId({ type: 'other', taskId: 14 })).toBeNull();
    expect(changedTaskId('task/changed')).toBeNull();
  });
});

describe('isTaskContext', () => {
  it('accepts every context the worker schema accepts (the captured fixtures)', () => {
    const context = t14();
    expect(taskContext.safeParse(context).success).toBe(true);
    expect(isTaskContext(context)).toBe(true);
  });

  it('refuses what the banner could not read', () => {
    expect(isTaskContext({ task: 'nope' })).toBe(false);
    expect(isTaskContext({ ...t14(), ownership: null })).toBe(false);
    expect(isTaskContext({ ...t14(), task: { ...t14().task, status: 'open' } })).toBe(false);
  });
});
