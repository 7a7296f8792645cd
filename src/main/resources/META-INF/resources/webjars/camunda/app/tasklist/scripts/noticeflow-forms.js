/*
 * What noticeflow's forms in Tasklist share (loaded through customScripts in config.js, before
 * AngularJS boots). The embedded forms (forms/*.html) use window.noticeflowForms; the rest
 * applies to every form, Camunda Forms included:
 *  - messages a clerk reads: Camunda's REST API answers a refused form with "Cannot submit task
 *    form <id>: <message>" and Tasklist shows that whole; only <message> is for the clerk;
 *  - after a completion, the next step of the same process that is assigned to the user
 *    (tasklist.NextStepAssignment) opens by itself, so nobody hunts for it in 本部门待办;
 *  - form-js (Camunda Forms) writes its field errors in English: they are put in Chinese.
 */
const angular = window.angular;

/** Drops Camunda's prefix, a leading field id and a trailing English gloss. */
function clerkMessage(text) {
  if (text === null || text === undefined) return '';
  let s = String(text).trim();
  s = s.replace(/^(?:Cannot (?:submit|complete) task form [^:]*|Cannot instantiate process definition [^:]*|Cannot submit form [^:]*):\s*/, '');
  s = s.replace(/^[A-Za-z][\w.[\]]*:\s+(?=[^\x00-\x7F])/, '');
  const stripped = s.replace(/\s*\([^\u4e00-\u9fff]*\)\s*$/, '');
  return stripped.trim() ? stripped.trim() : s;
}

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : '';
}

/**
 * Resolves once Tasklist has no request of its own under way (at most 5 s): while every /api
 * answer replaced JSESSIONID, a form's request beside Tasklist's own logged the user out.
 */
function tasklistIdle() {
  const injector = angular.element(document.body).injector();
  const $http = injector && injector.has('$http') ? injector.get('$http') : null;
  const started = Date.now();
  // quiet for 200 ms: Tasklist often sends its next request right after the last one answered
  let quietSince = null;
  return new Promise(function (resolve) {
    (function check() {
      const now = Date.now();
      if (!$http || now - started > 5000) return resolve();
      if ($http.pendingRequests.length > 0) quietSince = null;
      else if (quietSince === null) quietSince = now;
      if (quietSince !== null && now - quietSince >= 200) resolve();
      else setTimeout(check, 50);
    })();
  });
}

/*
 * One request at a time, retried once if the session answered instead of the API (0, 401,
 * or a 403 without a problem detail). Many requests at once have lost their session
 * (every /api answer replaced JSESSIONID): one after the other is safe either way.
 */
let queue = Promise.resolve();
function request(method, url, body, onProgress, responseType, contentType) {
  const attempt = function () {
    return new Promise(function (resolve) {
      const xhr = new XMLHttpRequest();
      xhr.open(method, url);
      if (responseType) xhr.responseType = responseType;
      xhr.setRequestHeader('X-XSRF-TOKEN', csrfToken());
      xhr.setRequestHeader('Accept', 'application/json');
      if (contentType) xhr.setRequestHeader('Content-Type', contentType);
      if (onProgress && xhr.upload) xhr.upload.onprogress = onProgress;
      xhr.onload = function () {
        let answer = null;
        if (responseType) answer = xhr.response;
        else try { answer = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch (e) { answer = null; }
        resolve({ status: xhr.status, answer: answer });
      };
      xhr.onerror = function () { resolve({ status: 0, answer: null }); };
      xhr.send(body);
    });
  };
  const run = function () {
    return tasklistIdle().then(attempt).then(function (r) {
      const sessionAnswered = r.status === 0 || r.status === 401 || (r.status === 403 && !(r.answer && r.answer.detail));
      // (a blob answer has no detail: a 403 is then retried once, harmlessly)
      return sessionAnswered ? attempt() : r;
    });
  };
  const result = queue.then(run, run);
  queue = result.catch(function () {});
  return result;
}

/** The refusal of an API answer, in words a clerk reads. */
function problemOf(r, what) {
  if (r.answer && r.answer.detail) return clerkMessage(r.answer.detail);
  if (r.status === 0) return what + '失败：无法连接服务器，请检查网络后重试';
  if (r.status === 401 || r.status === 403) return what + '失败：登录已失效，请刷新页面重新登录';
  if (r.status === 413) return what + '失败：文件过大';
  return what + '失败，请稍后重试';
}

const KIND_LABEL = { document: '文档', image: '图片', video: '视频' };
const ACTIVITY_KIND = { publicity: '宣传', training: '培训', inspection: '监督检查',
  enforcement: '执法行动', assistance: '帮扶服务', competition: '竞赛评选', other: '其他' };
const RETURN_STEPS = { head_returned: '负责人退回', review_returned: '办公室退回修改' };

function size(bytes) {
  if (bytes >= 1048576) return (bytes / 1048576).toFixed(1) + ' MB';
  return Math.max(1, Math.round(bytes / 1024)) + ' KB';
}

function time(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (isNaN(d.getTime())) return iso;
  const p = function (n) { return n < 10 ? '0' + n : '' + n; };
  return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + ' ' + p(d.getHours()) + ':' + p(d.getMinutes());
}

/**
 * What a department handed in, for the head's and the office's forms: its activities, its
 * files (pictures also as thumbnails) and the comments of every earlier return. Fills
 * scope.work; scope.work.problem says what could not be loaded (with work.reload to retry).
 */
function loadWork(scope, noticeId, departmentId) {
  const base = '/api/notices/' + encodeURIComponent(noticeId) + '/departments/' + encodeURIComponent(departmentId);
  const work = scope.work = scope.work || {};
  work.loading = true;
  work.problem = null;
  work.reload = function () { loadWork(scope, noticeId, departmentId); };
  const problems = [];
  const apply = function (fn) { scope.$evalAsync(fn); };
  return request('GET', base + '/activities').then(function (r) {
    apply(function () {
      if (r.status === 200) work.activities = r.answer || [];
      else problems.push(problemOf(r, '活动记录加载'));
    });
    return request('GET', base + '/evidence');
  }).then(function (r) {
    apply(function () {
      if (r.status === 200) {
        work.files = r.answer || [];
        work.images = work.files.filter(function (f) { return f.kind === 'image'; });
        // thumbnails through the same queue, not as many parallel <img> requests
        work.images.forEach(function (f) {
          request('GET', '/api/evidence/' + encodeURIComponent(f.id) + '?inline=true', null, null, 'blob').then(function (t) {
            if (t.status !== 200 || !t.answer) {
              scope.$evalAsync(function () { f.thumbProblem = '图片预览加载失败，可点击文件名查看'; });
              return;
            }
            // a data: URL (the webapps' Content-Security-Policy allows data: images, not blob:)
            const reader = new FileReader();
            reader.onload = function () { scope.$evalAsync(function () { f.thumb = reader.result; }); };
            reader.readAsDataURL(t.answer);
          });
        });
      } else problems.push(problemOf(r, '佐证材料加载'));
    });
    return request('GET', '/api/notices/' + encodeURIComponent(noticeId));
  }).then(function (r) {
    apply(function () {
      if (r.status === 200) {
        const mine = (r.answer.recipients || []).filter(function (x) { return x.departmentId === departmentId; })[0];
        work.returns = ((mine && mine.steps) || [])
          .filter(function (s) { return RETURN_STEPS[s.step]; })
          .map(function (s) { return { label: RETURN_STEPS[s.step], user: s.user, at: time(s.at), comment: s.comment }; });
      } else problems.push(problemOf(r, '退回意见加载'));
      work.loading = false;
      work.problem = problems.length ? problems.join('；') : null;
    });
  });
}

/** Sets a form variable for submission, replacing a fetched one of that name. */
function put(camForm, name, type, value) {
  const variables = camForm.variableManager;
  if (variables.variable(name)) variables.destroyVariable(name);
  variables.createVariable({ name: name, type: type, value: value, isDirty: true });
}

/** yyyy-MM-dd of a date picker's Date (local, as the clerk chose it), or null. */
function isoDate(d) {
  if (!(d instanceof Date) || isNaN(d.getTime())) return null;
  const p = function (n) { return n < 10 ? '0' + n : '' + n; };
  return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate());
}

/**
 * Today in the office's time zone (China), yyyy-MM-dd: the server checks dates against that day,
 * and a browser's own zone (UTC on a server, abroad) is another day for eight hours of every day.
 */
function officeToday() {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
      .format(new Date());
  } catch (e) {
    return isoDate(new Date());
  }
}

/** The Date a date picker binds, from yyyy-MM-dd. */
function dateOf(text) {
  return /^\d{4}-\d{2}-\d{2}$/.test(text || '') ? new Date(text + 'T00:00:00') : null;
}

/** A short confirmation after a completion (the form itself is gone by then). */
function confirm(text) {
  const injector = angular.element(document.body).injector();
  if (injector && injector.has('Notifications')) {
    injector.get('Notifications').addMessage({ status: '已完成', message: text, duration: 10000 });
  }
}

window.noticeflowForms = {
  clerkMessage: clerkMessage, request: request, problemOf: problemOf, loadWork: loadWork,
  size: size, time: time, confirm: confirm, put: put, isoDate: isoDate, officeToday: officeToday, dateOf: dateOf,
  KIND_LABEL: KIND_LABEL, ACTIVITY_KIND: ACTIVITY_KIND
};

angular.module('cam.tasklist.custom').config(['$provide', function ($provide) {
  // every error Tasklist shows (完成, 认领, start forms) reaches the clerk without prefix or ids
  $provide.decorator('Notifications', ['$delegate', function (notifications) {
    const addError = notifications.addError;
    notifications.addError = function (error) {
      if (error && error.message) error.message = clerkMessage(error.message);
      return addError.apply(this, arguments);
    };
    return notifications;
  }]);
  // after 完成: Tasklist names the user's next tasks of the process; open the first one
  $provide.decorator('assignNotification', ['$delegate', '$location', 'camAPI', function (notify, $location, camAPI) {
    return function (params) {
      notify(params);
      if (!params || !params.assignee || !params.processInstanceId) return;
      camAPI.resource('task').list({ assignee: params.assignee, processInstanceId: params.processInstanceId, maxResults: 1 },
        function (err, res) {
          const next = !err && res && res._embedded && res._embedded.task && res._embedded.task[0];
          if (next) {
            const search = $location.search();
            search.task = next.id;
            search.forceDisplayTask = true; // shown even if the chosen filter does not list it
            $location.search(search);
          }
        });
    };
  }]);
}]);

/*
 * The notice itself, above every task's tabs (embedded forms and Camunda Forms alike): title,
 * 文号, issuer, date, 主送, the full body as written (line breaks and 一、(一) numbering kept,
 * collapsible, scrolling within the panel on a laptop screen) and the attachments to download.
 * The notice is resolved on the server from the task (GET /api/tasks/{id}/notice), which also
 * checks that the user may see that task; a task that has none shows no panel.
 */
function currentTaskId() {
  const match = (window.location.hash || '').match(/[?&]task=([^&]+)/);
  return match ? decodeURIComponent(match[1]) : null;
}

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = text; // never HTML: the text is the notice's
  return e;
}

function noticePanel(taskId, notice) {
  const panel = el('details', 'nf-notice-panel');
  panel.setAttribute('data-task-id', taskId);
  panel.open = true;
  const summary = el('summary', 'nf-notice-summary');
  summary.appendChild(el('span', 'nf-notice-label', '通知原文'));
  summary.appendChild(el('strong', 'nf-notice-title', notice.title || '（未命名）'));
  if (notice.number) summary.appendChild(el('span', 'nf-notice-number', notice.number));
  panel.appendChild(summary);
  const meta = el('p', 'nf-notice-meta');
  meta.textContent = '发文机关：' + (notice.issuer || '') + (notice.issuedOnText ? '　成文日期：' + notice.issuedOnText : '');
  panel.appendChild(meta);
  if (notice.recipients) panel.appendChild(el('p', 'nf-notice-recipients', '主送：' + notice.recipients));
  panel.appendChild(el('div', 'nf-notice-body', notice.body || ''));
  const files = notice.attachments || [];
  const list = el('div', 'nf-notice-attachments');
  list.appendChild(el('span', null, files.length ? '附件：' : '附件：无上传文件'));
  files.forEach(function (a) {
    const link = el('a', 'nf-notice-attachment', a.originalName + (a.official ? '（正式公文）' : ''));
    link.href = '/api/notices/' + encodeURIComponent(notice.id) + '/attachments/' + encodeURIComponent(a.id);
    link.target = '_blank';
    list.appendChild(link);
  });
  panel.appendChild(list);
  return panel;
}

let panelFor = null;
function showNoticePanel() {
  const card = document.querySelector('section.task-card');
  const tabs = card && card.querySelector('.tabbed-content');
  const taskId = currentTaskId();
  if (!tabs || !taskId) return;
  const existing = card.querySelector('.nf-notice-panel');
  if (existing && existing.getAttribute('data-task-id') === taskId) return;
  if (existing) existing.remove();
  if (panelFor === taskId) return; // being loaded
  panelFor = taskId;
  request('GET', '/api/tasks/' + encodeURIComponent(taskId) + '/notice').then(function (r) {
    panelFor = null;
    if (r.status !== 200 || !r.answer || r.answer.state === 'drafting') {
      // no notice (or one still drafted in this very form): remember the task, show nothing
      const none = el('div', 'nf-notice-panel nf-notice-none');
      none.setAttribute('data-task-id', taskId);
      none.style.display = 'none';
      if (currentTaskId() === taskId && tabs.isConnected) tabs.parentNode.insertBefore(none, tabs);
      return;
    }
    if (currentTaskId() !== taskId || !tabs.isConnected) return;
    const stale = card.querySelector('.nf-notice-panel');
    if (stale) stale.remove();
    tabs.parentNode.insertBefore(noticePanel(taskId, r.answer), tabs);
  });
}
new MutationObserver(showNoticePanel).observe(document.documentElement, { childList: true, subtree: true });
window.addEventListener('hashchange', showNoticePanel);

// form-js field errors, as Tasklist 7.24 shows them, in Chinese
const FORM_JS = [
  [/^Field is required\.$/, '此项必填'],
  [/^Field must have minimum length of (\d+)\.$/, '至少 $1 个字'],
  [/^Field must have maximum length of (\d+)\.$/, '不能超过 $1 个字'],
  [/^Field must have minimum value of (.+)\.$/, '不能小于 $1'],
  [/^Field must have maximum value of (.+)\.$/, '不能大于 $1'],
  [/^Field must match pattern (.+)\.$/, '格式不正确'],
  [/^Field must be a valid email\.$/, '请填写有效的电子邮件地址'],
  [/^Value is not a number\.$/, '请填写数字']
];
new MutationObserver(function () {
  document.querySelectorAll('.fjs-form-field-error li, .fjs-form-field-error span').forEach(function (el) {
    const text = el.textContent.trim();
    for (const [pattern, zh] of FORM_JS) {
      if (pattern.test(text)) { el.textContent = text.replace(pattern, zh); break; }
    }
  });
}).observe(document.documentElement, { childList: true, subtree: true, characterData: true });

export default [];
