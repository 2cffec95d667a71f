// A scenario's own id names it in URLs, data files, stored attempts and studio documents: lower-case
// letters, digits and "-" (node and reply ids may use capitals and "_"). Apart from the schema so
// browser code can test an id without loading the schema library.
export const SCENARIO_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
