/*
 * What locales/fr.json cannot reach in French Tasklist, loaded through `requireJsConfig` of
 * ../config.js as the AngularJS module `cam.tasklist.french`.
 *
 * 1. Dates. Tasklist formats its own dates with moment.js, which the "dateLocales" of
 *    locales/fr.json switch to French. The date picker of "Définir l'échéance" / "Définir la date
 *    de relance" (angular-ui-bootstrap) reads AngularJS's $locale instead, which only knows en-US:
 *    month and day names, first day of the week. $locale gets French names while the interface is
 *    in French and its original ones otherwise; moment.js is kept on the interface language
 *    (Tasklist also loads the fallback locale file, and the file loaded last would otherwise set
 *    moment's global locale); the screen-reader texts of the picker's arrows are translated.
 * 2. Filter criteria. The "Critères" part of the filter dialog translates labels and help texts
 *    that Tasklist hard-codes in English, using the English text itself as translation key; the
 *    French texts below are added to the French table once locales/fr.json has been loaded (adding
 *    them earlier would stop Tasklist from loading the file), without overriding any of its keys,
 *    and the English texts to the other loaded tables (else they would fall back to French).
 * 3. The page language. index.html declares lang="en"; it follows the interface language.
 *
 * Any failure here is logged and leaves Tasklist as it is.
 */
define(['angular'], function (angular) {
  'use strict';

  var FRENCH_DATES = {
    MONTH: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre',
      'octobre', 'novembre', 'décembre'],
    STANDALONEMONTH: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août',
      'septembre', 'octobre', 'novembre', 'décembre'],
    SHORTMONTH: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.',
      'nov.', 'déc.'],
    DAY: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
    SHORTDAY: ['dim.', 'lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.'],
    ERANAMES: ['av. J.-C.', 'ap. J.-C.'],
    ERAS: ['av. J.-C.', 'ap. J.-C.'],
    // AngularJS counts from Monday = 0: the week starts on Monday, the weekend is Saturday-Sunday.
    FIRSTDAYOFWEEK: 0,
    WEEKENDRANGE: [5, 6],
    fullDate: 'EEEE d MMMM y',
    longDate: 'd MMMM y',
    medium: 'd MMM y HH:mm:ss',
    mediumDate: 'd MMM y',
    mediumTime: 'HH:mm:ss',
    short: 'dd/MM/y HH:mm',
    shortDate: 'dd/MM/y',
    shortTime: 'HH:mm'
  };

  var PICKER_TEMPLATES = ['uib/template/datepicker/day.html', 'uib/template/datepicker/month.html',
    'uib/template/datepicker/year.html'];
  var PICKER_ARROWS = {
    '<span class="sr-only">previous</span>': '<span class="sr-only">{{ \'PAGINATION_PREVIOUS\' | translate }}</span>',
    '<span class="sr-only">next</span>': '<span class="sr-only">{{ \'PAGINATION_NEXT\' | translate }}</span>'
  };

  // Groups, labels and help texts of the filter criteria, as Camunda 7.24 Tasklist spells them.
  var FILTER_CRITERIA = {
    'Process Instance': 'Instance de processus',
    'Process definition': 'Définition de processus',
    'Case Instance': 'Instance de dossier',
    'Case definition': 'Définition de dossier',
    'Other': 'Autres',
    'User / Group': 'Utilisateur / groupe',
    'Task': 'Tâche',
    'Dates': 'Dates',
    'ID': 'ID',
    'Business Key': 'Clé métier',
    'Business Key Like': 'Clé métier contient',
    'Key': 'Clé',
    'Key In': 'Clé parmi',
    'Name': 'Nom',
    'Name Like': 'Nom contient',
    'Active': 'Active',
    'Activity Instance ID In': "ID d'instance d'activité parmi",
    'Execution ID': "ID de l'exécution",
    'Assignee': 'Responsable',
    'Assignee in': 'Responsable parmi',
    'Assignee Like': 'Responsable contient',
    'Owner': 'Propriétaire',
    'Candidate Group': 'Groupe candidat',
    'Candidate Groups': 'Groupes candidats',
    'Candidate User': 'Utilisateur candidat',
    'Involved User': 'Utilisateur impliqué',
    'Assigned': 'Attribuée',
    'Unassigned': 'Non attribuée',
    'Delegation State': 'État de la délégation',
    'Definition Key': 'Clé de définition',
    'Definition Key In': 'Clé de définition parmi',
    'Definition Key Like': 'Clé de définition contient',
    'Description': 'Description',
    'Description Like': 'Description contient',
    'Priority': 'Priorité',
    'Priority Max': 'Priorité maximale',
    'Priority Min': 'Priorité minimale',
    'Tenant ID In': 'ID de locataire parmi',
    'Without Tenant ID': 'Sans ID de locataire',
    'Without Due Date': 'Sans échéance',
    'Created Before': 'Créée avant',
    'Created After': 'Créée après',
    'Due Before': 'Échéance avant',
    'Due After': 'Échéance après',
    'Follow Up After': 'Relance après',
    'Follow Up Before': 'Relance avant',
    'Follow Up Before or Not Existent': 'Relance avant, ou sans date de relance',
    'E.g.: `${ now() }`, `${ dateTime() }` or `${ dateTime().plusWeeks(2) }`':
      'Par ex. : `${ now() }`, `${ dateTime() }` ou `${ dateTime().plusWeeks(2) }`',
    'E.g.: `${ currentUser() }`': 'Par ex. : `${ currentUser() }`',
    'List of values seperated by comma. E.g.: `keyC, keyA, keyB`':
      'Liste de valeurs séparées par des virgules. Par ex. : `keyC, keyA, keyB`',
    'List of values separated by comma or an expression which evaluates to a list. E.g.: `camunda-admin, accounting` or `${ currentUserGroups() }`':
      'Liste de valeurs séparées par des virgules, ou expression qui renvoie une liste. Par ex. : `camunda-admin, accounting` ou `${ currentUserGroups() }`'
  };

  var translateProvider = null;
  var ngModule = angular.module('cam.tasklist.french', []);

  ngModule.config(['$translateProvider', function ($translateProvider) {
    translateProvider = $translateProvider;
  }]);

  ngModule.run(['$rootScope', '$locale', '$injector', '$log', '$timeout',
    function ($rootScope, $locale, $injector, $log, $timeout) {
      var originalDates = angular.copy($locale.DATETIME_FORMATS);
      var originalId = $locale.id;

      function translatePickerArrows() {
        var $templateCache = $injector.get('$templateCache');
        angular.forEach(PICKER_TEMPLATES, function (name) {
          var template = $templateCache.get(name);
          if (angular.isString(template)) {
            angular.forEach(PICKER_ARROWS, function (translated, english) {
              template = template.split(english).join(translated);
            });
            $templateCache.put(name, template);
          }
        });
      }

      function addFilterCriteria() {
        if (!translateProvider) {
          return;
        }
        // Only into tables that a locale file has filled (creating one would prevent its loading).
        // Other languages get the English texts as they are: a key missing from their table would
        // otherwise be looked up in the fallback language, French.
        angular.forEach(translateProvider.translations(), function (table, language) {
          if (!angular.isObject(table) || !table.PAGE_LOGIN_USERNAME) {
            return;
          }
          var french = language.split('-')[0].toLowerCase() === 'fr';
          var missing = {};
          angular.forEach(FILTER_CRITERIA, function (frenchText, english) {
            if (!Object.prototype.hasOwnProperty.call(table, english)) {
              missing[english] = french ? frenchText : english;
            }
          });
          translateProvider.translations(language, missing);
        });
      }

      function follow() {
        try {
          var $translate = $injector.get('$translate');
          var language = $translate.use() || $translate.proposedLanguage();
          if (!language) {
            return;
          }
          var french = language.split('-')[0].toLowerCase() === 'fr';
          // index.html says lang="en": screen readers and browsers would read French as English
          document.documentElement.setAttribute('lang', language);
          angular.extend($locale.DATETIME_FORMATS, french ? FRENCH_DATES : originalDates);
          // uibDateParser re-reads $locale when its id changes.
          $locale.id = french ? 'fr-fr' : originalId;
          if ($injector.has('amMoment')) {
            $injector.get('amMoment').changeLocale(language);
          }
          translatePickerArrows();
          addFilterCriteria();
        } catch (e) {
          $log.error('French additions of Tasklist not applied', e);
        }
      }

      $rootScope.$on('$translateChangeSuccess', follow);
      $rootScope.$on('$translateLoadingSuccess', function () {
        // after the loader's callback, which has just set moment's global locale to that file's
        $timeout(follow, 0);
      });
      $timeout(follow, 0);
    }]);

  return ngModule;
});
