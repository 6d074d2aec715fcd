//! Date values and date expressions: parsing the date formats real exports
//! use, wire datelines, and dates mentioned in article text.
