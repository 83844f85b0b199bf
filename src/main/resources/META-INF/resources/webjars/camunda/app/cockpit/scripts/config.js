// French first, as in Tasklist: a French browser, and any browser without a language preference,
// gets locales/fr.json (whose "dateLocales" also switch dates to French); English stays available
// to English browsers.
export default {
  locales: {
    availableLocales: ['fr', 'en'],
    fallbackLocale: 'fr'
  }
};
