import { formatJiraTimestamp } from '../jira-time.js';
import { listParameter, pageBean, type SimResponse } from '../http-response.js';
import type { SimRequest, SimulatorState } from '../simulator-state.js';
import type { JiraProject } from '../types.js';

/**
 * GET /rest/api/3/project/search: an offset PageBean. The server caps the page size, so a client that
 * asks for 500 gets 50 and must advance by what came back.
 */
export function searchProjects(request: SimRequest, state: SimulatorState): SimResponse {
  const { query } = request;
  const matching = sortProjects(
    filterProjects(state.scenario.projects, query),
    query.get('orderBy') ?? 'key',
  );
  const withInsight = listParameter(query, 'expand').includes('insight');

  return pageBean(request, matching, { defaultSize: 50, cap: state.caps.projectSearch }, (project) =>
    withInsight ? { ...project, insight: insight(project, state) } : project,
  );
}

function filterProjects(projects: readonly JiraProject[], query: URLSearchParams): JiraProject[] {
  const keys = new Set(listParameter(query, 'keys').map((key) => key.toUpperCase()));
  const ids = new Set(listParameter(query, 'id'));
  const text = query.get('query')?.toLowerCase();
  const typeKey = query.get('typeKey');

  return projects.filter(
    (project) =>
      (keys.size === 0 || keys.has(project.key.toUpperCase())) &&
      (ids.size === 0 || ids.has(project.id)) &&
      (!text || project.key.toLowerCase().includes(text) || project.name.toLowerCase().includes(text)) &&
      (!typeKey || project.projectTypeKey === typeKey),
  );
}

function sortProjects(projects: JiraProject[], orderBy: string): JiraProject[] {
  const descending = orderBy.startsWith('-');
  const field = orderBy.replace(/^[+-]/, '') === 'name' ? 'name' : 'key';
  const sorted = projects.sort((a, b) => a[field].localeCompare(b[field], 'en'));

  return descending ? sorted.reverse() : sorted;
}

function insight(
  project: JiraProject,
  state: SimulatorState,
): { totalIssueCount: number; lastIssueUpdateTime?: string } {
  const issues = state.store.all().filter((entry) => entry.issue.fields.project.id === project.id);
  if (issues.length === 0) return { totalIssueCount: 0 };
  const lastUpdate = Math.max(...issues.map((entry) => entry.updatedMs));

  return {
    totalIssueCount: issues.length,
    lastIssueUpdateTime: formatJiraTimestamp(new Date(lastUpdate), 'Etc/UTC'),
  };
}
