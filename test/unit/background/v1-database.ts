// The stores version 1 of the worker's database created (db.ts before ad7346b), for tests of what an
// update finds: open it, put what that build wrote, close it, then open the current database.
import { openDB } from 'idb';
import { DB_NAME } from '../../../src/background/db';

export function openVersion1Database() {
  return openDB(DB_NAME, 1, {
    upgrade(database) {
      for (const name of ['secrets', 'instances', 'polls'])
        database.createObjectStore(name, { keyPath: 'origin' });
      database.createObjectStore('registry', { keyPath: 'id' });
      database.createObjectStore('users', { keyPath: ['origin', 'phid'] });
      database.createObjectStore('tasks', { keyPath: ['origin', 'id'] });
      database.createObjectStore('watches', { keyPath: ['origin', 'id'] }).createIndex('byOrigin', 'origin');
      database.createObjectStore('reminders', { keyPath: 'key' });
      database.createObjectStore('snoozes', { keyPath: ['origin', 'id'] });
      database.createObjectStore('assigns', { keyPath: 'requestId' });
    },
  });
}
