import { describe, expect, it } from 'vitest';
import { BuildLoop, type BuildJob } from '../../../src/app/build-loop.js';

/** A loop whose builds end when the test says so. */
function controlled() {
  const jobs: BuildJob[] = [];
  const ends: (() => void)[] = [];
  let running = 0;
  let most = 0;
  const loop = new BuildLoop(async (job) => {
    jobs.push(job);
    running++;
    most = Math.max(most, running);
    await new Promise<void>((r) => ends.push(r));
    running--;
  });
  const finish = async () => {
    ends.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { loop, jobs, finish, most: () => most };
}

describe('BuildLoop', () => {
  it('starts a build on the first change, with no wait', () => {
    const { loop, jobs } = controlled();
    loop.add('2025-W38', ['public'], ['/d/a.yaml']);
    expect(jobs).toHaveLength(1); // synchronously: no timer between the event and the build
    expect(jobs[0]).toMatchObject({ week: '2025-W38', audiences: ['public'], files: ['/d/a.yaml'] });
  });

  it('merges the changes that arrive during a build into one follow-up build; never two at once', async () => {
    const { loop, jobs, finish, most } = controlled();
    loop.add('2025-W38', ['public'], ['/d/a.yaml']);
    loop.add('2025-W38', ['public'], ['/d/a.yaml']);
    loop.add('2025-W38', ['executive'], ['/t/audiences/executive/style.css']);
    loop.add('2025-W38', ['public'], ['/d/b.yaml']);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.superseded()).toBe(true);
    await finish();
    expect(jobs).toHaveLength(2);
    expect(jobs[1]!.audiences!.sort()).toEqual(['executive', 'public']);
    expect(jobs[1]!.files).toEqual(['/d/a.yaml', '/t/audiences/executive/style.css', '/d/b.yaml']);
    expect(jobs[1]!.superseded()).toBe(false);
    await finish();
    expect(jobs).toHaveLength(2);
    expect(loop.busy).toBe(false);
    expect(most()).toBe(1);
  });

  it("'all' wins over names; weeks are built one after the other", async () => {
    const { loop, jobs, finish } = controlled();
    loop.add(undefined, ['public']);
    loop.add('2025-W37', ['public']);
    loop.add(undefined, 'all');
    loop.add(undefined, ['executive']);
    await finish();
    expect(jobs.map((j) => [j.week, j.audiences])).toEqual([[undefined, ['public']], ['2025-W37', ['public']]]);
    await finish();
    expect(jobs[2]).toMatchObject({ week: undefined, audiences: undefined });
    await finish();
    expect(jobs).toHaveLength(3);
  });

  it('goes on after a failed build, and takes no work once closed', async () => {
    let calls = 0;
    const loop = new BuildLoop(async () => {
      calls++;
      throw new Error('boom');
    });
    loop.add(undefined, 'all');
    await loop.idle();
    loop.add(undefined, 'all');
    await loop.idle();
    expect(calls).toBe(2);
    await loop.close();
    loop.add(undefined, 'all');
    await loop.idle();
    expect(calls).toBe(2);
  });
});
