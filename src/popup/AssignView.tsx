// The shared assign panel, opened inline under a popup row.
import { declaredPerson, type AssignReply, type StaleRow, type WatchlistView } from '../messages';
import { AssignPanel } from '../ui/assign/AssignPanel';

interface Props {
  row: StaleRow;
  instance: string;
  viewer: WatchlistView['viewer'];
  now: number;
  onDone(reply: AssignReply): void;
  onCancel(): void;
  onTaskChanged(): void;
}

export function AssignView({ row, instance, viewer, now, onDone, onCancel, onTaskChanged }: Props) {
  return (
    <div class="panel panel-assign">
      <AssignPanel
        instance={instance}
        taskId={row.task.id}
        taskTitle={row.task.title}
        expectedDateModified={row.task.dateModified}
        suggestions={row.suggestions}
        viewer={viewer ? { username: viewer.username, realName: viewer.realName } : null}
        currentOwner={declaredPerson(row.processOwner)}
        onDone={onDone}
        onCancel={onCancel}
        onTaskChanged={onTaskChanged}
        now={now}
      />
    </div>
  );
}
