/*
 * Chinese by default, English on request (loaded through customScripts in config.js).
 *
 * Why this exists: Tasklist chooses its language once, at start-up, from the browser's first
 * language (navigator.languages[0]) if config.locales.availableLocales has it, else from
 * fallbackLocale. It has no language menu and remembers no choice, so an English browser would
 * always get English. This module runs before AngularJS boots, so it
 *  - tells angular-translate to use the language stored under KEY, or 'zh' if none is stored
 *    (the config block of 'cam.tasklist.custom' runs after Tasklist's own one and wins);
 *  - adds an "English" / "中文" link to the header that stores the other language and reloads.
 */
const KEY = 'noticeflow.tasklist.locale';
const lang = localStorage.getItem(KEY) === 'en' ? 'en' : 'zh';
const conf = window.camTasklistConf;

document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
window.angular.module('cam.tasklist.custom').config(['$translateProvider', function (t) {
  t.preferredLanguage(lang);
  // Only this one locale file is then loaded, so moment.js gets its "dateLocales" and not the
  // other file's (each loaded file redefines moment's locale; the last one would win).
  t.fallbackLanguage(lang);
}]);

if (lang === 'zh') {
  // The header shows "<vendor> <app name>" from the config, not from the locale file.
  conf.app = Object.assign({}, conf.app, { name: '任务列表' });
  // The due / follow-up date picker formats with AngularJS's $locale, which is only en-US.
  window.angular.module('cam.tasklist.custom').run(['$locale', '$injector', function (l, $injector) {
    const f = l.DATETIME_FORMATS, day = '日一二三四五六'.split('');
    f.MONTH = f.STANDALONEMONTH = '一二三四五六七八九十'.split('').concat('十一', '十二')
      .map(function (m) { return m + '月'; });
    f.SHORTMONTH = f.MONTH.map(function (m, i) { return (i + 1) + '月'; });
    f.DAY = day.map(function (d) { return '星期' + d; });
    f.SHORTDAY = day.map(function (d) { return '周' + d; });
    f.FIRSTDAYOFWEEK = 0; // Monday, as in zh.json's dateLocales
    if ($injector.has('uibDatepickerConfig')) $injector.get('uibDatepickerConfig').formatDayTitle = 'yyyy年M月';
  }]);
} else {
  // The keyboard shortcut help shows config.js's (Chinese) descriptions as they are.
  const en = {
    claimTask: 'claims the currently selected task',
    focusFilter: 'set the focus to the first filter in the list',
    focusList: 'sets the focus to the first task in the list',
    focusForm: 'sets the focus to the first input field in a task form',
    startProcess: 'opens the start process modal dialog'
  };
  Object.keys(en).forEach(function (k) {
    if (conf.shortcuts && conf.shortcuts[k]) conf.shortcuts[k].description = en[k];
  });
}

export default [{
  id: 'noticeflow-language-switch',
  pluginPoint: 'tasklist.navbar.action',
  priority: -100,
  render: function (node) {
    const other = lang === 'zh' ? 'en' : 'zh';
    const a = document.createElement('a');
    a.href = '#';
    a.textContent = other === 'en' ? 'English' : '中文';
    a.title = other === 'en' ? 'Switch to English' : '切换为中文';
    a.lang = other === 'en' ? 'en' : 'zh-CN';
    a.addEventListener('click', function (e) {
      e.preventDefault();
      localStorage.setItem(KEY, other);
      // Load the other locale file first: Tasklist caches it in localStorage, and the reloaded
      // page then has its labels at once (some are read once at start-up with $translate.instant).
      const reload = function () { window.location.reload(); };
      window.angular.element(document.body).injector().get('$translate').use(other)
        .then(reload, reload);
    });
    node.appendChild(a);
  }
}];
