/*
 * Camunda Forms (form-js) in Tasklist, loaded through `requireJsConfig` of ../config.js as the
 * AngularJS module `cam.tasklist.forms`.
 *
 * 1. French texts. The form-js viewer bundled with Camunda 7.24 has no translation service: its
 *    validation messages ("Field is required.") and control texts ("Select", "Search") are English
 *    literals. While the interface is in French, they are replaced in the page as form-js renders
 *    them (form-js redraws a text only when its own value changes, so a replaced text stays).
 * 2. "Terminer". Tasklist disables it as soon as form-js reports a field error, and form-js reports
 *    the state of a text field only once the field is left, so the button stayed disabled while the
 *    person was correcting the field; a form with an empty required field was refused with a vague
 *    notification. The button now stays enabled: a form with field errors shows them beside their
 *    fields and brings the first one into view, without a notification. Tasklist also re-enabled the button
 *    after a refused completion outside AngularJS's digest, which a form-js field never triggers,
 *    so it stayed disabled until the page was reloaded: the digest is now run.
 *
 * Any failure here is logged and leaves Tasklist as it is.
 */
define(['angular'], function (angular) {
  'use strict';

  var TEXTS = {
    'Field is required.': 'Ce champ est obligatoire.',
    'Field must be a valid email.': 'Saisissez une adresse e-mail valide.',
    'Field must be a valid  international phone number. (e.g. +4930664040900)':
      'Saisissez un numéro de téléphone international valide (par ex. +33123456789).',
    'Value is not a number.': "La valeur n'est pas un nombre.",
    'Value is expected to be an integer.': 'La valeur doit être un nombre entier.',
    'Select': 'Sélectionnez',
    'Search': 'Rechercher',
    'No results': 'Aucun résultat',
    'All values selected': 'Toutes les valeurs sont sélectionnées',
    'Remove tag': 'Retirer',
    'Increment': 'Augmenter',
    'Decrement': 'Diminuer',
    'Nothing to show.': 'Rien à afficher.',
    'No content to show.': 'Rien à afficher.'
  };

  var PATTERNS = [
    [/^Field must have minimum value of (.+)\.$/, 'La valeur doit être au moins $1.'],
    [/^Field must have maximum value of (.+)\.$/, 'La valeur doit être au plus $1.'],
    [/^Field must have minimum length of (\d+)\.$/, 'Saisissez au moins $1 caractères.'],
    [/^Field must have maximum length of (\d+)\.$/, 'Saisissez au plus $1 caractères.'],
    [/^Field must match pattern (.+)\.$/, 'La valeur doit respecter le format $1.'],
    [/^Value is expected to have at most (\d+) decimal digits?\.$/, 'La valeur doit avoir au plus $1 décimale(s).'],
    [/^Please select a valid value, the two nearest valid values are (.+) and (.+)\.$/,
      'Choisissez une valeur valide : les deux plus proches sont $1 et $2.']
  ];

  var ATTRIBUTES = ['placeholder', 'aria-label', 'title'];
  var FORM = '.fjs-container';

  function french(text) {
    var trimmed = text.trim();
    if (Object.prototype.hasOwnProperty.call(TEXTS, trimmed)) {
      return text.replace(trimmed, TEXTS[trimmed]);
    }
    for (var i = 0; i < PATTERNS.length; i++) {
      if (PATTERNS[i][0].test(trimmed)) {
        return text.replace(trimmed, trimmed.replace(PATTERNS[i][0], PATTERNS[i][1]));
      }
    }
    return null;
  }

  function translateNode(node) {
    if (node.nodeType === Node.TEXT_NODE) {
      var text = french(node.data);
      if (text !== null) {
        node.data = text;
      }
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) {
      return;
    }
    ATTRIBUTES.forEach(function (name) {
      var value = node.getAttribute(name);
      var translated = value && french(value);
      if (translated) {
        node.setAttribute(name, translated);
      }
    });
    for (var child = node.firstChild; child; child = child.nextSibling) {
      translateNode(child);
    }
  }

  function insideForm(node) {
    var element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    return !!(element && element.closest(FORM));
  }

  function translateForms(isFrench) {
    var observer = new MutationObserver(function (mutations) {
      if (!isFrench()) {
        return;
      }
      mutations.forEach(function (mutation) {
        if (mutation.type === 'childList') {
          Array.prototype.forEach.call(mutation.addedNodes, function (node) {
            if (insideForm(node)) {
              translateNode(node);
            }
          });
        } else if (insideForm(mutation.target)) {
          translateNode(mutation.target);
        }
      });
    });
    observer.observe(document.body, {
      childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ATTRIBUTES
    });
  }

  /** form-js's result of a refused submission: field ids mapped to their messages. */
  function isFieldErrors(error) {
    if (!angular.isObject(error) || error instanceof Error || angular.isArray(error)) {
      return false;
    }
    var keys = Object.keys(error);
    return keys.length > 0 && keys.every(function (key) {
      return angular.isArray(error[key]) || angular.isObject(error[key]);
    });
  }

  /** Brings the first field in error into view; a text field also gets the focus (a select would open). */
  function showFirstFieldError(container) {
    var field = container.querySelector('.fjs-has-errors');
    if (!field) {
      return;
    }
    field.scrollIntoView({ block: 'center' });
    var input = field.querySelector('textarea, input[type=text], input[type=number], input:not([type])');
    if (input && !input.classList.contains('fjs-select-hidden-input')) {
      input.focus();
    }
  }

  var ngModule = angular.module('cam.tasklist.forms', []);

  ngModule.config(['$provide', function ($provide) {
    $provide.decorator('camTasklistFormDirective', ['$delegate', '$log', function ($delegate, $log) {
      var directive = $delegate[0];
      var injected = directive.controller.slice(0, -1);
      var controller = directive.controller[directive.controller.length - 1];
      directive.controller = injected.concat([function ($scope) {
        controller.apply(this, arguments);
        try {
          var tasklistForm = this;
          var notifyFormValidated = tasklistForm.notifyFormValidated;
          var registerCompletionHandler = tasklistForm.registerCompletionHandler;
          var isCamundaForm = function () {
            return !!$scope.tasklistForm && $scope.tasklistForm.type === 'camunda-forms'
              && !$scope.tasklistForm.$error;
          };

          tasklistForm.notifyFormValidated = function (invalid) {
            return notifyFormValidated.call(tasklistForm, isCamundaForm() ? false : invalid);
          };
          tasklistForm.registerCompletionHandler = function (handler) {
            if (!angular.isFunction(handler)) {
              return registerCompletionHandler.call(tasklistForm, handler);
            }
            return registerCompletionHandler.call(tasklistForm, function (done) {
              handler(function (error, result) {
                if (isCamundaForm() && isFieldErrors(error)) {
                  $scope.completeInProgress = false;
                  var container = document.querySelector('[cam-tasklist-form] ' + FORM);
                  if (container) {
                    showFirstFieldError(container);
                  }
                } else {
                  done(error, result);
                }
                $scope.$applyAsync();
              });
            });
          };
        } catch (e) {
          $log.error('Tasklist form additions not applied', e);
        }
      }]);
      return $delegate;
    }]);
  }]);

  ngModule.run(['$injector', '$log', function ($injector, $log) {
    try {
      var $translate = $injector.get('$translate');
      translateForms(function () {
        var language = $translate.use() || $translate.proposedLanguage() || '';
        return language.split('-')[0].toLowerCase() === 'fr';
      });
    } catch (e) {
      $log.error('French texts of Tasklist forms not applied', e);
    }
  }]);

  return ngModule;
});
