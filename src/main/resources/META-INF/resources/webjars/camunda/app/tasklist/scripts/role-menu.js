/*
 * Each role its own header (loaded through customScripts in config.js).
 *
 * Tasklist shows "新建任务" (create task) and "发起流程" (start process) to everyone, whether
 * or not the engine would let them: the engine refuses a department clerk both (no TASK CREATE
 * grant, no CREATE_INSTANCE on any process definition), but the buttons stay and lead to a
 * failure or an empty list. This asks the engine, as the logged-in user, and shows each button
 * only to those it authorizes: the authorization stays the rule, the header follows it. Until
 * the answer arrives both stay hidden (user-styles.css), so nobody sees a button flash by.
 *
 * It also adds 督办看板 (the oversight board, same session) for those who follow every
 * department (GET /api/me: oversight).
 */
const base = document.querySelector('base');
const appRoot = (base && base.getAttribute('app-root')) || '/camunda';
// The board is served by the same application, beside the webapps (at /camunda).
const contextPath = appRoot.replace(/\/camunda$/, '');
const engineApi = appRoot + '/api/engine/engine/default';
const TASK = 7; // org.camunda.bpm.engine.authorization.Resources.TASK

function getJson(url) {
  return fetch(url, {
    credentials: 'same-origin',
    headers: { 'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest' }
  }).then(function (r) {
    if (!r.ok) throw new Error(url + ': ' + r.status);
    return r.json();
  });
}

function allow(cls, allowed) {
  document.body.classList.toggle(cls, !!allowed);
}

export default [{
  id: 'noticeflow-oversight-board',
  pluginPoint: 'tasklist.navbar.action',
  priority: 500, // first in the header
  // rendered once per login (the header's actions are built for a logged-in user only)
  render: function (node) {
    allow('nf-may-create-task', false);
    allow('nf-may-start-process', false);
    getJson(engineApi + '/authorization/check?permissionName=CREATE&resourceName=Task&resourceType=' + TASK)
      .then(function (r) { allow('nf-may-create-task', r.authorized); }, function () {});
    getJson(engineApi + '/process-definition/count?latestVersion=true&active=true'
        + '&startableInTasklist=true&startablePermissionCheck=true')
      .then(function (r) { allow('nf-may-start-process', r.count > 0); }, function () {});
    getJson(contextPath + '/api/me').then(function (me) {
      if (!me.oversight) return;
      const a = document.createElement('a');
      a.href = contextPath + '/oversight';
      a.className = 'nf-oversight-link';
      a.title = '各部门办理情况（督办看板）';
      a.innerHTML = '<span class="glyphicon glyphicon-dashboard"></span> ';
      a.appendChild(document.createTextNode('督办看板'));
      node.appendChild(a);
    }, function () {});
  }
}];
