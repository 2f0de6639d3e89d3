import { DAY_MS, HISTORY_DAYS, HOUR_MS, NEWEST_CHANGE_AGE_DAYS, type IssueDraft } from './issue-draft.js';
import type { StatusName } from './scenario-catalog.js';
import { placedDrafts } from './scenario-placed-issues.js';
import { PROFILES, WORKFLOWS, type Profile, type Workflow } from './scenario-profiles.js';
import { pickSummary, type SummaryKind } from './scenario-summaries.js';
import type { SeededRandom } from './seeded-random.js';

/**
 * Generates the Acme backlog as drafts: a weighted random bulk spread over the last nine months, plus
 * hand-placed issues that the compliance checks must find (unassigned change tickets, incidents left
 * open for weeks, late vulnerabilities).
 */
export function generateIssueDrafts(nowMs: number, random: SeededRandom, issueCount: number): IssueDraft[] {
  const placed = placedDrafts(nowMs);
  const bulk: IssueDraft[] = [];
  const weights = PROFILES.map((profile) => [profile, profile.weight] as const);

  for (let index = 0; index < issueCount - placed.length; index += 1) {
    const profile = random.weighted(weights);
    const earliest = profile.type === 'Change' ? NEWEST_CHANGE_AGE_DAYS + 1 : 0.05;
    const ageDays = earliest + random.next() * (HISTORY_DAYS - earliest);
    bulk.push(randomDraft(profile, nowMs - ageDays * DAY_MS - random.integer(0, 999), nowMs, random));
  }

  return [...bulk, ...placed].sort((a, b) => a.createdMs - b.createdMs);
}

function randomDraft(profile: Profile, createdMs: number, nowMs: number, random: SeededRandom): IssueDraft {
  const ageDays = (nowMs - createdMs) / DAY_MS;
  const workflow: Workflow = WORKFLOWS[profile.workflow];
  const done = random.chance(profile.doneProbability(ageDays));
  const reporter = random.pick(profile.reporters);
  const longGone = reporter === 'formerUser' || reporter === 'dan';
  const assignee = random.chance(profile.unassignedProbability)
    ? null
    : ageDays > 150 && random.chance(0.1)
      ? 'dan'
      : random.pick(profile.assignees);

  let status: StatusName;
  let resolvedMs: number | null = null;
  let updatedMs: number;
  let statusChangedMs = createdMs;
  if (done) {
    status = random.weighted(workflow.done);
    const [min, max] = profile.resolutionDays;
    resolvedMs = Math.min(
      createdMs + (min + random.next() * (max - min)) * DAY_MS,
      nowMs - random.integer(1, 48) * HOUR_MS,
    );
    resolvedMs = Math.max(resolvedMs, createdMs + 60_000);
    updatedMs = Math.min(resolvedMs + random.next() * 2 * DAY_MS, nowMs);
    statusChangedMs = resolvedMs;
  } else if (profile.project === 'ENG' && ageDays > 200 && random.chance(0.15)) {
    status = 'Imported';
    updatedMs = createdMs + random.integer(1, 60) * 60_000;
  } else {
    const started = random.chance(Math.min(0.8, 0.3 + ageDays / 10));
    status = started ? random.pick(workflow.inProgress) : workflow.todo;
    updatedMs = createdMs + random.next() * (nowMs - createdMs);
    if (started) statusChangedMs = createdMs + (updatedMs - createdMs) * random.next();
  }

  return {
    project: profile.project,
    type: profile.type,
    summary: pickSummary(profile.summaryKind, random),
    description: random.chance(0.4) ? describe(profile.summaryKind, longGone) : null,
    status,
    assignee,
    reporter,
    priority: profile.priority(random),
    labels: profile.labels(random),
    createdMs,
    updatedMs: Math.round(updatedMs),
    resolvedMs: resolvedMs === null ? null : Math.round(resolvedMs),
    statusChangedMs: Math.round(statusChangedMs),
  };
}

function describe(kind: SummaryKind, longGone: boolean): string {
  const base =
    kind === 'change'
      ? 'Rollout plan: canary 10% then 100%.\nRollback plan: redeploy the previous release.'
      : kind === 'incident'
        ? 'Detected by monitoring.\nCustomer impact is being assessed.'
        : 'See the linked design notes.';
  return longGone ? `${base}\nReporter has left the company.` : base;
}
