"""Ship a preset for every US state, DC and every Canadian province and
territory (64 in all), each point of law with its citation, the statute's
words, the source's address, the date last checked and how it was checked
(statute, secondary, unverified). The five seed presets of 0002 gain their
sources; their rules are unchanged.

PRESETS below is a frozen copy of privacy.presets.ALL_PRESETS as of this
migration (never imported), so that every database gets the same rule sets
whenever it is migrated.
"""

import copy

from django.db import migrations

SEED_CODES = ['CA-ON', 'US-IL', 'US-MA', 'US-NY', 'US-WI']

PRESETS = [{'jurisdiction_code': 'CA-AB',
  'name': 'Alberta',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'Access to Information Act / Protection of Privacy Act (Alberta)',
  'summary': 'Library records are confidential (Access to Information Act / Protection of '
             'Privacy Act (Alberta)). Not verified against the statute: parent access, legal '
             'instruments, emergencies; those points take the strictest reading until counsel '
             'confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'Access to Information Act / '
                                                        'Protection of Privacy Act (Alberta)'},
                 'guardian.not_permitted': {'citation': 'Access to Information Act / '
                                                        'Protection of Privacy Act (Alberta)',
                                            'explanation': 'This point of Alberta law has not '
                                                           'been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'Access to Information Act / '
                                                         'Protection of Privacy Act '
                                                         '(Alberta)'},
                 'guardian.age_unknown': {'citation': 'Access to Information Act / Protection '
                                                      'of Privacy Act (Alberta)'},
                 'guardian.scope': {'citation': 'Access to Information Act / Protection of '
                                                'Privacy Act (Alberta)'},
                 'guardian.proof_missing': {'citation': 'Access to Information Act / '
                                                        'Protection of Privacy Act (Alberta)'},
                 'law_enforcement.legal_instrument': {'citation': 'Access to Information Act '
                                                                  '/ Protection of Privacy '
                                                                  'Act (Alberta)'},
                 'law_enforcement.no_instrument': {'citation': 'Access to Information Act / '
                                                               'Protection of Privacy Act '
                                                               '(Alberta)',
                                                   'explanation': 'Which legal documents '
                                                                  'Alberta law accepts has '
                                                                  'not been verified against '
                                                                  'the statute, so the desk '
                                                                  'takes the strictest '
                                                                  'reading until counsel '
                                                                  'confirms it: only a court '
                                                                  'order, presented to the '
                                                                  'Library Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'Access to '
                                                                         'Information Act / '
                                                                         'Protection of '
                                                                         'Privacy Act '
                                                                         '(Alberta)',
                                                             'explanation': 'Which legal '
                                                                            'documents '
                                                                            'Alberta law '
                                                                            'accepts has not '
                                                                            'been verified '
                                                                            'against the '
                                                                            'statute, so the '
                                                                            'desk takes the '
                                                                            'strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'Access to Information Act / '
                                                              'Protection of Privacy Act '
                                                              '(Alberta)'},
                 'law_enforcement.emergency_identity': {'citation': 'Access to Information '
                                                                    'Act / Protection of '
                                                                    'Privacy Act (Alberta)'},
                 'law_enforcement.emergency_identity_only': {'citation': 'Access to '
                                                                         'Information Act / '
                                                                         'Protection of '
                                                                         'Privacy Act '
                                                                         '(Alberta)'},
                 'law_enforcement.emergency_with_notice': {'citation': 'Access to Information '
                                                                       'Act / Protection of '
                                                                       'Privacy Act '
                                                                       '(Alberta)'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'Access to '
                                                                          'Information Act / '
                                                                          'Protection of '
                                                                          'Privacy Act '
                                                                          '(Alberta)',
                                                              'explanation': 'Whether Alberta '
                                                                             'law has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'Access to Information Act / Protection of '
                                              'Privacy Act (Alberta)',
                                  'quote': '',
                                  'url': 'https://kings-printer.alberta.ca/',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'Access to Information Act / Protection of '
                                            'Privacy Act (Alberta)',
                                'quote': '',
                                'url': 'https://kings-printer.alberta.ca/',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'Access to Information Act / Protection of '
                                              'Privacy Act (Alberta)',
                                  'quote': '',
                                  'url': 'https://kings-printer.alberta.ca/',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'Access to Information Act / Protection of Privacy '
                                        'Act (Alberta)',
                            'quote': '',
                            'url': 'https://kings-printer.alberta.ca/',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'CA-BC',
  'name': 'British Columbia',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'Freedom of Information and Protection of Privacy Act, s.33',
  'summary': 'Library records are confidential (Freedom of Information and Protection of '
             'Privacy Act, s.33). Not verified against the statute: parent access, legal '
             'instruments, emergencies; those points take the strictest reading until counsel '
             'confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'Freedom of Information and '
                                                        'Protection of Privacy Act, s.33'},
                 'guardian.not_permitted': {'citation': 'Freedom of Information and '
                                                        'Protection of Privacy Act, s.33',
                                            'explanation': 'This point of British Columbia '
                                                           'law has not been verified against '
                                                           'the statute, so the desk takes '
                                                           'the strictest reading until '
                                                           'counsel confirms it: only the '
                                                           'cardholder is told, never a '
                                                           'parent.'},
                 'guardian.over_age_limit': {'citation': 'Freedom of Information and '
                                                         'Protection of Privacy Act, s.33'},
                 'guardian.age_unknown': {'citation': 'Freedom of Information and Protection '
                                                      'of Privacy Act, s.33'},
                 'guardian.scope': {'citation': 'Freedom of Information and Protection of '
                                                'Privacy Act, s.33'},
                 'guardian.proof_missing': {'citation': 'Freedom of Information and '
                                                        'Protection of Privacy Act, s.33'},
                 'law_enforcement.legal_instrument': {'citation': 'Freedom of Information and '
                                                                  'Protection of Privacy Act, '
                                                                  's.33'},
                 'law_enforcement.no_instrument': {'citation': 'Freedom of Information and '
                                                               'Protection of Privacy Act, '
                                                               's.33',
                                                   'explanation': 'Which legal documents '
                                                                  'British Columbia law '
                                                                  'accepts has not been '
                                                                  'verified against the '
                                                                  'statute, so the desk takes '
                                                                  'the strictest reading '
                                                                  'until counsel confirms it: '
                                                                  'only a court order, '
                                                                  'presented to the Library '
                                                                  'Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'Freedom of '
                                                                         'Information and '
                                                                         'Protection of '
                                                                         'Privacy Act, s.33',
                                                             'explanation': 'Which legal '
                                                                            'documents '
                                                                            'British Columbia '
                                                                            'law accepts has '
                                                                            'not been '
                                                                            'verified against '
                                                                            'the statute, so '
                                                                            'the desk takes '
                                                                            'the strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'Freedom of Information and '
                                                              'Protection of Privacy Act, '
                                                              's.33'},
                 'law_enforcement.emergency_identity': {'citation': 'Freedom of Information '
                                                                    'and Protection of '
                                                                    'Privacy Act, s.33'},
                 'law_enforcement.emergency_identity_only': {'citation': 'Freedom of '
                                                                         'Information and '
                                                                         'Protection of '
                                                                         'Privacy Act, s.33'},
                 'law_enforcement.emergency_with_notice': {'citation': 'Freedom of '
                                                                       'Information and '
                                                                       'Protection of Privacy '
                                                                       'Act, s.33'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'Freedom of '
                                                                          'Information and '
                                                                          'Protection of '
                                                                          'Privacy Act, s.33',
                                                              'explanation': 'Whether British '
                                                                             'Columbia law '
                                                                             'has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'Freedom of Information and Protection of '
                                              'Privacy Act, s.33',
                                  'quote': '',
                                  'url': 'https://www.bclaws.gov.bc.ca/civix/document/id/complete/statreg/96165_00',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'Freedom of Information and Protection of Privacy '
                                            'Act, s.33',
                                'quote': '',
                                'url': 'https://www.bclaws.gov.bc.ca/civix/document/id/complete/statreg/96165_00',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'Freedom of Information and Protection of '
                                              'Privacy Act, s.33',
                                  'quote': '',
                                  'url': 'https://www.bclaws.gov.bc.ca/civix/document/id/complete/statreg/96165_00',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'Freedom of Information and Protection of Privacy '
                                        'Act, s.33',
                            'quote': '',
                            'url': 'https://www.bclaws.gov.bc.ca/civix/document/id/complete/statreg/96165_00',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'CA-MB',
  'name': 'Manitoba',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'Freedom of Information and Protection of Privacy Act (Manitoba), s.44',
  'summary': 'Library records are confidential (Freedom of Information and Protection of '
             'Privacy Act (Manitoba), s.44). Not verified against the statute: parent access, '
             'legal instruments, emergencies; those points take the strictest reading until '
             'counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'Freedom of Information and '
                                                        'Protection of Privacy Act '
                                                        '(Manitoba), s.44'},
                 'guardian.not_permitted': {'citation': 'Freedom of Information and '
                                                        'Protection of Privacy Act '
                                                        '(Manitoba), s.44',
                                            'explanation': 'This point of Manitoba law has '
                                                           'not been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'Freedom of Information and '
                                                         'Protection of Privacy Act '
                                                         '(Manitoba), s.44'},
                 'guardian.age_unknown': {'citation': 'Freedom of Information and Protection '
                                                      'of Privacy Act (Manitoba), s.44'},
                 'guardian.scope': {'citation': 'Freedom of Information and Protection of '
                                                'Privacy Act (Manitoba), s.44'},
                 'guardian.proof_missing': {'citation': 'Freedom of Information and '
                                                        'Protection of Privacy Act '
                                                        '(Manitoba), s.44'},
                 'law_enforcement.legal_instrument': {'citation': 'Freedom of Information and '
                                                                  'Protection of Privacy Act '
                                                                  '(Manitoba), s.44'},
                 'law_enforcement.no_instrument': {'citation': 'Freedom of Information and '
                                                               'Protection of Privacy Act '
                                                               '(Manitoba), s.44',
                                                   'explanation': 'Which legal documents '
                                                                  'Manitoba law accepts has '
                                                                  'not been verified against '
                                                                  'the statute, so the desk '
                                                                  'takes the strictest '
                                                                  'reading until counsel '
                                                                  'confirms it: only a court '
                                                                  'order, presented to the '
                                                                  'Library Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'Freedom of '
                                                                         'Information and '
                                                                         'Protection of '
                                                                         'Privacy Act '
                                                                         '(Manitoba), s.44',
                                                             'explanation': 'Which legal '
                                                                            'documents '
                                                                            'Manitoba law '
                                                                            'accepts has not '
                                                                            'been verified '
                                                                            'against the '
                                                                            'statute, so the '
                                                                            'desk takes the '
                                                                            'strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'Freedom of Information and '
                                                              'Protection of Privacy Act '
                                                              '(Manitoba), s.44'},
                 'law_enforcement.emergency_identity': {'citation': 'Freedom of Information '
                                                                    'and Protection of '
                                                                    'Privacy Act (Manitoba), '
                                                                    's.44'},
                 'law_enforcement.emergency_identity_only': {'citation': 'Freedom of '
                                                                         'Information and '
                                                                         'Protection of '
                                                                         'Privacy Act '
                                                                         '(Manitoba), s.44'},
                 'law_enforcement.emergency_with_notice': {'citation': 'Freedom of '
                                                                       'Information and '
                                                                       'Protection of Privacy '
                                                                       'Act (Manitoba), s.44'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'Freedom of '
                                                                          'Information and '
                                                                          'Protection of '
                                                                          'Privacy Act '
                                                                          '(Manitoba), s.44',
                                                              'explanation': 'Whether '
                                                                             'Manitoba law '
                                                                             'has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'Freedom of Information and Protection of '
                                              'Privacy Act (Manitoba), s.44',
                                  'quote': '',
                                  'url': 'https://web2.gov.mb.ca/laws/statutes/ccsm/f175.php',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'Freedom of Information and Protection of Privacy '
                                            'Act (Manitoba), s.44',
                                'quote': '',
                                'url': 'https://web2.gov.mb.ca/laws/statutes/ccsm/f175.php',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'Freedom of Information and Protection of '
                                              'Privacy Act (Manitoba), s.44',
                                  'quote': '',
                                  'url': 'https://web2.gov.mb.ca/laws/statutes/ccsm/f175.php',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'Freedom of Information and Protection of Privacy Act '
                                        '(Manitoba), s.44',
                            'quote': '',
                            'url': 'https://web2.gov.mb.ca/laws/statutes/ccsm/f175.php',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'CA-NB',
  'name': 'New Brunswick',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'Right to Information and Protection of Privacy Act, s.46',
  'summary': 'Library records are confidential (Right to Information and Protection of '
             'Privacy Act, s.46). Not verified against the statute: parent access, legal '
             'instruments, emergencies; those points take the strictest reading until counsel '
             'confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'Right to Information and Protection '
                                                        'of Privacy Act, s.46'},
                 'guardian.not_permitted': {'citation': 'Right to Information and Protection '
                                                        'of Privacy Act, s.46',
                                            'explanation': 'This point of New Brunswick law '
                                                           'has not been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'Right to Information and Protection '
                                                         'of Privacy Act, s.46'},
                 'guardian.age_unknown': {'citation': 'Right to Information and Protection of '
                                                      'Privacy Act, s.46'},
                 'guardian.scope': {'citation': 'Right to Information and Protection of '
                                                'Privacy Act, s.46'},
                 'guardian.proof_missing': {'citation': 'Right to Information and Protection '
                                                        'of Privacy Act, s.46'},
                 'law_enforcement.legal_instrument': {'citation': 'Right to Information and '
                                                                  'Protection of Privacy Act, '
                                                                  's.46'},
                 'law_enforcement.no_instrument': {'citation': 'Right to Information and '
                                                               'Protection of Privacy Act, '
                                                               's.46',
                                                   'explanation': 'Which legal documents New '
                                                                  'Brunswick law accepts has '
                                                                  'not been verified against '
                                                                  'the statute, so the desk '
                                                                  'takes the strictest '
                                                                  'reading until counsel '
                                                                  'confirms it: only a court '
                                                                  'order, presented to the '
                                                                  'Library Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'Right to '
                                                                         'Information and '
                                                                         'Protection of '
                                                                         'Privacy Act, s.46',
                                                             'explanation': 'Which legal '
                                                                            'documents New '
                                                                            'Brunswick law '
                                                                            'accepts has not '
                                                                            'been verified '
                                                                            'against the '
                                                                            'statute, so the '
                                                                            'desk takes the '
                                                                            'strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'Right to Information and '
                                                              'Protection of Privacy Act, '
                                                              's.46'},
                 'law_enforcement.emergency_identity': {'citation': 'Right to Information and '
                                                                    'Protection of Privacy '
                                                                    'Act, s.46'},
                 'law_enforcement.emergency_identity_only': {'citation': 'Right to '
                                                                         'Information and '
                                                                         'Protection of '
                                                                         'Privacy Act, s.46'},
                 'law_enforcement.emergency_with_notice': {'citation': 'Right to Information '
                                                                       'and Protection of '
                                                                       'Privacy Act, s.46'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'Right to '
                                                                          'Information and '
                                                                          'Protection of '
                                                                          'Privacy Act, s.46',
                                                              'explanation': 'Whether New '
                                                                             'Brunswick law '
                                                                             'has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'Right to Information and Protection of Privacy '
                                              'Act, s.46',
                                  'quote': '',
                                  'url': 'https://laws.gnb.ca/en/document/cs/R-10.6',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'Right to Information and Protection of Privacy '
                                            'Act, s.46',
                                'quote': '',
                                'url': 'https://laws.gnb.ca/en/document/cs/R-10.6',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'Right to Information and Protection of Privacy '
                                              'Act, s.46',
                                  'quote': '',
                                  'url': 'https://laws.gnb.ca/en/document/cs/R-10.6',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'Right to Information and Protection of Privacy Act, '
                                        's.46',
                            'quote': '',
                            'url': 'https://laws.gnb.ca/en/document/cs/R-10.6',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'CA-NL',
  'name': 'Newfoundland and Labrador',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'Access to Information and Protection of Privacy Act, 2015, s.68',
  'summary': 'Library records are confidential (Access to Information and Protection of '
             'Privacy Act, 2015, s.68). Not verified against the statute: parent access, '
             'legal instruments, emergencies; those points take the strictest reading until '
             'counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'Access to Information and Protection '
                                                        'of Privacy Act, 2015, s.68'},
                 'guardian.not_permitted': {'citation': 'Access to Information and Protection '
                                                        'of Privacy Act, 2015, s.68',
                                            'explanation': 'This point of Newfoundland and '
                                                           'Labrador law has not been '
                                                           'verified against the statute, so '
                                                           'the desk takes the strictest '
                                                           'reading until counsel confirms '
                                                           'it: only the cardholder is told, '
                                                           'never a parent.'},
                 'guardian.over_age_limit': {'citation': 'Access to Information and '
                                                         'Protection of Privacy Act, 2015, '
                                                         's.68'},
                 'guardian.age_unknown': {'citation': 'Access to Information and Protection '
                                                      'of Privacy Act, 2015, s.68'},
                 'guardian.scope': {'citation': 'Access to Information and Protection of '
                                                'Privacy Act, 2015, s.68'},
                 'guardian.proof_missing': {'citation': 'Access to Information and Protection '
                                                        'of Privacy Act, 2015, s.68'},
                 'law_enforcement.legal_instrument': {'citation': 'Access to Information and '
                                                                  'Protection of Privacy Act, '
                                                                  '2015, s.68'},
                 'law_enforcement.no_instrument': {'citation': 'Access to Information and '
                                                               'Protection of Privacy Act, '
                                                               '2015, s.68',
                                                   'explanation': 'Which legal documents '
                                                                  'Newfoundland and Labrador '
                                                                  'law accepts has not been '
                                                                  'verified against the '
                                                                  'statute, so the desk takes '
                                                                  'the strictest reading '
                                                                  'until counsel confirms it: '
                                                                  'only a court order, '
                                                                  'presented to the Library '
                                                                  'Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'Access to '
                                                                         'Information and '
                                                                         'Protection of '
                                                                         'Privacy Act, 2015, '
                                                                         's.68',
                                                             'explanation': 'Which legal '
                                                                            'documents '
                                                                            'Newfoundland and '
                                                                            'Labrador law '
                                                                            'accepts has not '
                                                                            'been verified '
                                                                            'against the '
                                                                            'statute, so the '
                                                                            'desk takes the '
                                                                            'strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'Access to Information and '
                                                              'Protection of Privacy Act, '
                                                              '2015, s.68'},
                 'law_enforcement.emergency_identity': {'citation': 'Access to Information '
                                                                    'and Protection of '
                                                                    'Privacy Act, 2015, s.68'},
                 'law_enforcement.emergency_identity_only': {'citation': 'Access to '
                                                                         'Information and '
                                                                         'Protection of '
                                                                         'Privacy Act, 2015, '
                                                                         's.68'},
                 'law_enforcement.emergency_with_notice': {'citation': 'Access to Information '
                                                                       'and Protection of '
                                                                       'Privacy Act, 2015, '
                                                                       's.68'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'Access to '
                                                                          'Information and '
                                                                          'Protection of '
                                                                          'Privacy Act, 2015, '
                                                                          's.68',
                                                              'explanation': 'Whether '
                                                                             'Newfoundland '
                                                                             'and Labrador '
                                                                             'law has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'Access to Information and Protection of '
                                              'Privacy Act, 2015, s.68',
                                  'quote': '',
                                  'url': 'https://www.assembly.nl.ca/legislation/sr/statutes/a01-2.htm',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'Access to Information and Protection of Privacy '
                                            'Act, 2015, s.68',
                                'quote': '',
                                'url': 'https://www.assembly.nl.ca/legislation/sr/statutes/a01-2.htm',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'Access to Information and Protection of '
                                              'Privacy Act, 2015, s.68',
                                  'quote': '',
                                  'url': 'https://www.assembly.nl.ca/legislation/sr/statutes/a01-2.htm',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'Access to Information and Protection of Privacy Act, '
                                        '2015, s.68',
                            'quote': '',
                            'url': 'https://www.assembly.nl.ca/legislation/sr/statutes/a01-2.htm',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'CA-NS',
  'name': 'Nova Scotia',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'Municipal Government Act, Part XX, s.485',
  'summary': 'Library records are confidential (Municipal Government Act, Part XX, s.485). '
             'Not verified against the statute: parent access, legal instruments, '
             'emergencies; those points take the strictest reading until counsel confirms '
             'them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'Municipal Government Act, Part XX, '
                                                        's.485'},
                 'guardian.not_permitted': {'citation': 'Municipal Government Act, Part XX, '
                                                        's.485',
                                            'explanation': 'This point of Nova Scotia law has '
                                                           'not been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'Municipal Government Act, Part XX, '
                                                         's.485'},
                 'guardian.age_unknown': {'citation': 'Municipal Government Act, Part XX, '
                                                      's.485'},
                 'guardian.scope': {'citation': 'Municipal Government Act, Part XX, s.485'},
                 'guardian.proof_missing': {'citation': 'Municipal Government Act, Part XX, '
                                                        's.485'},
                 'law_enforcement.legal_instrument': {'citation': 'Municipal Government Act, '
                                                                  'Part XX, s.485'},
                 'law_enforcement.no_instrument': {'citation': 'Municipal Government Act, '
                                                               'Part XX, s.485',
                                                   'explanation': 'Which legal documents Nova '
                                                                  'Scotia law accepts has not '
                                                                  'been verified against the '
                                                                  'statute, so the desk takes '
                                                                  'the strictest reading '
                                                                  'until counsel confirms it: '
                                                                  'only a court order, '
                                                                  'presented to the Library '
                                                                  'Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'Municipal '
                                                                         'Government Act, '
                                                                         'Part XX, s.485',
                                                             'explanation': 'Which legal '
                                                                            'documents Nova '
                                                                            'Scotia law '
                                                                            'accepts has not '
                                                                            'been verified '
                                                                            'against the '
                                                                            'statute, so the '
                                                                            'desk takes the '
                                                                            'strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'Municipal Government Act, Part '
                                                              'XX, s.485'},
                 'law_enforcement.emergency_identity': {'citation': 'Municipal Government '
                                                                    'Act, Part XX, s.485'},
                 'law_enforcement.emergency_identity_only': {'citation': 'Municipal '
                                                                         'Government Act, '
                                                                         'Part XX, s.485'},
                 'law_enforcement.emergency_with_notice': {'citation': 'Municipal Government '
                                                                       'Act, Part XX, s.485'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'Municipal '
                                                                          'Government Act, '
                                                                          'Part XX, s.485',
                                                              'explanation': 'Whether Nova '
                                                                             'Scotia law has '
                                                                             'an emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'Municipal Government Act, Part XX, s.485',
                                  'quote': '',
                                  'url': 'https://nslegislature.ca/sites/default/files/legc/statutes/municipal%20government.pdf',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'Municipal Government Act, Part XX, s.485',
                                'quote': '',
                                'url': 'https://nslegislature.ca/sites/default/files/legc/statutes/municipal%20government.pdf',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'Municipal Government Act, Part XX, s.485',
                                  'quote': '',
                                  'url': 'https://nslegislature.ca/sites/default/files/legc/statutes/municipal%20government.pdf',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'Municipal Government Act, Part XX, s.485',
                            'quote': '',
                            'url': 'https://nslegislature.ca/sites/default/files/legc/statutes/municipal%20government.pdf',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'CA-NT',
  'name': 'Northwest Territories',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'Access to Information and Protection of Privacy Act (NWT), s.48',
  'summary': 'Library records are confidential (Access to Information and Protection of '
             'Privacy Act (NWT), s.48). Not verified against the statute: parent access, '
             'legal instruments, emergencies; those points take the strictest reading until '
             'counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'Access to Information and Protection '
                                                        'of Privacy Act (NWT), s.48'},
                 'guardian.not_permitted': {'citation': 'Access to Information and Protection '
                                                        'of Privacy Act (NWT), s.48',
                                            'explanation': 'This point of Northwest '
                                                           'Territories law has not been '
                                                           'verified against the statute, so '
                                                           'the desk takes the strictest '
                                                           'reading until counsel confirms '
                                                           'it: only the cardholder is told, '
                                                           'never a parent.'},
                 'guardian.over_age_limit': {'citation': 'Access to Information and '
                                                         'Protection of Privacy Act (NWT), '
                                                         's.48'},
                 'guardian.age_unknown': {'citation': 'Access to Information and Protection '
                                                      'of Privacy Act (NWT), s.48'},
                 'guardian.scope': {'citation': 'Access to Information and Protection of '
                                                'Privacy Act (NWT), s.48'},
                 'guardian.proof_missing': {'citation': 'Access to Information and Protection '
                                                        'of Privacy Act (NWT), s.48'},
                 'law_enforcement.legal_instrument': {'citation': 'Access to Information and '
                                                                  'Protection of Privacy Act '
                                                                  '(NWT), s.48'},
                 'law_enforcement.no_instrument': {'citation': 'Access to Information and '
                                                               'Protection of Privacy Act '
                                                               '(NWT), s.48',
                                                   'explanation': 'Which legal documents '
                                                                  'Northwest Territories law '
                                                                  'accepts has not been '
                                                                  'verified against the '
                                                                  'statute, so the desk takes '
                                                                  'the strictest reading '
                                                                  'until counsel confirms it: '
                                                                  'only a court order, '
                                                                  'presented to the Library '
                                                                  'Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'Access to '
                                                                         'Information and '
                                                                         'Protection of '
                                                                         'Privacy Act (NWT), '
                                                                         's.48',
                                                             'explanation': 'Which legal '
                                                                            'documents '
                                                                            'Northwest '
                                                                            'Territories law '
                                                                            'accepts has not '
                                                                            'been verified '
                                                                            'against the '
                                                                            'statute, so the '
                                                                            'desk takes the '
                                                                            'strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'Access to Information and '
                                                              'Protection of Privacy Act '
                                                              '(NWT), s.48'},
                 'law_enforcement.emergency_identity': {'citation': 'Access to Information '
                                                                    'and Protection of '
                                                                    'Privacy Act (NWT), s.48'},
                 'law_enforcement.emergency_identity_only': {'citation': 'Access to '
                                                                         'Information and '
                                                                         'Protection of '
                                                                         'Privacy Act (NWT), '
                                                                         's.48'},
                 'law_enforcement.emergency_with_notice': {'citation': 'Access to Information '
                                                                       'and Protection of '
                                                                       'Privacy Act (NWT), '
                                                                       's.48'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'Access to '
                                                                          'Information and '
                                                                          'Protection of '
                                                                          'Privacy Act (NWT), '
                                                                          's.48',
                                                              'explanation': 'Whether '
                                                                             'Northwest '
                                                                             'Territories law '
                                                                             'has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'Access to Information and Protection of '
                                              'Privacy Act (NWT), s.48',
                                  'quote': '',
                                  'url': 'https://www.justice.gov.nt.ca/en/files/legislation/access-to-information-and-protection-of-privacy/access-to-information-and-protection-of-privacy.a.pdf',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'Access to Information and Protection of Privacy '
                                            'Act (NWT), s.48',
                                'quote': '',
                                'url': 'https://www.justice.gov.nt.ca/en/files/legislation/access-to-information-and-protection-of-privacy/access-to-information-and-protection-of-privacy.a.pdf',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'Access to Information and Protection of '
                                              'Privacy Act (NWT), s.48',
                                  'quote': '',
                                  'url': 'https://www.justice.gov.nt.ca/en/files/legislation/access-to-information-and-protection-of-privacy/access-to-information-and-protection-of-privacy.a.pdf',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'Access to Information and Protection of Privacy Act '
                                        '(NWT), s.48',
                            'quote': '',
                            'url': 'https://www.justice.gov.nt.ca/en/files/legislation/access-to-information-and-protection-of-privacy/access-to-information-and-protection-of-privacy.a.pdf',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'CA-NU',
  'name': 'Nunavut',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'Access to Information and Protection of Privacy Act (Nunavut), s.48',
  'summary': 'Library records are confidential (Access to Information and Protection of '
             'Privacy Act (Nunavut), s.48). Not verified against the statute: parent access, '
             'legal instruments, emergencies; those points take the strictest reading until '
             'counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'Access to Information and Protection '
                                                        'of Privacy Act (Nunavut), s.48'},
                 'guardian.not_permitted': {'citation': 'Access to Information and Protection '
                                                        'of Privacy Act (Nunavut), s.48',
                                            'explanation': 'This point of Nunavut law has not '
                                                           'been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'Access to Information and '
                                                         'Protection of Privacy Act '
                                                         '(Nunavut), s.48'},
                 'guardian.age_unknown': {'citation': 'Access to Information and Protection '
                                                      'of Privacy Act (Nunavut), s.48'},
                 'guardian.scope': {'citation': 'Access to Information and Protection of '
                                                'Privacy Act (Nunavut), s.48'},
                 'guardian.proof_missing': {'citation': 'Access to Information and Protection '
                                                        'of Privacy Act (Nunavut), s.48'},
                 'law_enforcement.legal_instrument': {'citation': 'Access to Information and '
                                                                  'Protection of Privacy Act '
                                                                  '(Nunavut), s.48'},
                 'law_enforcement.no_instrument': {'citation': 'Access to Information and '
                                                               'Protection of Privacy Act '
                                                               '(Nunavut), s.48',
                                                   'explanation': 'Which legal documents '
                                                                  'Nunavut law accepts has '
                                                                  'not been verified against '
                                                                  'the statute, so the desk '
                                                                  'takes the strictest '
                                                                  'reading until counsel '
                                                                  'confirms it: only a court '
                                                                  'order, presented to the '
                                                                  'Library Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'Access to '
                                                                         'Information and '
                                                                         'Protection of '
                                                                         'Privacy Act '
                                                                         '(Nunavut), s.48',
                                                             'explanation': 'Which legal '
                                                                            'documents '
                                                                            'Nunavut law '
                                                                            'accepts has not '
                                                                            'been verified '
                                                                            'against the '
                                                                            'statute, so the '
                                                                            'desk takes the '
                                                                            'strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'Access to Information and '
                                                              'Protection of Privacy Act '
                                                              '(Nunavut), s.48'},
                 'law_enforcement.emergency_identity': {'citation': 'Access to Information '
                                                                    'and Protection of '
                                                                    'Privacy Act (Nunavut), '
                                                                    's.48'},
                 'law_enforcement.emergency_identity_only': {'citation': 'Access to '
                                                                         'Information and '
                                                                         'Protection of '
                                                                         'Privacy Act '
                                                                         '(Nunavut), s.48'},
                 'law_enforcement.emergency_with_notice': {'citation': 'Access to Information '
                                                                       'and Protection of '
                                                                       'Privacy Act '
                                                                       '(Nunavut), s.48'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'Access to '
                                                                          'Information and '
                                                                          'Protection of '
                                                                          'Privacy Act '
                                                                          '(Nunavut), s.48',
                                                              'explanation': 'Whether Nunavut '
                                                                             'law has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'Access to Information and Protection of '
                                              'Privacy Act (Nunavut), s.48',
                                  'quote': '',
                                  'url': 'https://www.nunavutlegislation.ca/en/consolidated-law/access-information-and-protection-privacy-act-consolidation',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'Access to Information and Protection of Privacy '
                                            'Act (Nunavut), s.48',
                                'quote': '',
                                'url': 'https://www.nunavutlegislation.ca/en/consolidated-law/access-information-and-protection-privacy-act-consolidation',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'Access to Information and Protection of '
                                              'Privacy Act (Nunavut), s.48',
                                  'quote': '',
                                  'url': 'https://www.nunavutlegislation.ca/en/consolidated-law/access-information-and-protection-privacy-act-consolidation',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'Access to Information and Protection of Privacy Act '
                                        '(Nunavut), s.48',
                            'quote': '',
                            'url': 'https://www.nunavutlegislation.ca/en/consolidated-law/access-information-and-protection-privacy-act-consolidation',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'CA-ON',
  'name': 'Ontario',
  'age_of_majority': 18,
  'parent_access': 'may',
  'parent_access_max_age': 16,
  'parent_access_proof': ['card', 'photo_id'],
  'parent_access_scope': ['current_loans', 'holds', 'fees'],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order', 'search_warrant'],
  'emergency_disclosure': 'with_notice',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'MFIPPA s.32, s.54(c)',
  'summary': 'Staff will not reveal who uses library materials, nor the items checked out on '
             "another patron's card. Parents who come with their child's card or some ID are "
             'the exception, for children under 16. Requests for information are confidential '
             'and discussed only with another librarian to answer them.',
  'sources': {'confidentiality': {'citation': 'MFIPPA s.32',
                                  'quote': '',
                                  'url': 'https://www.ontario.ca/laws/statute/90m56',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'MFIPPA s.54(c)',
                                'quote': 'Until a child turns 16, anyone having lawful '
                                         'custody of the child has a right under MFIPPA to '
                                         "access the child's record (IPC Ontario guidance)",
                                'url': 'https://www.ontario.ca/laws/statute/90m56',
                                'checked_on': '2026-12-06',
                                'status': 'secondary'},
              'law_enforcement': {'citation': 'MFIPPA s.32',
                                  'quote': '',
                                  'url': 'https://www.ontario.ca/laws/statute/90m56',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'MFIPPA s.32(h)',
                            'quote': '',
                            'url': 'https://www.ontario.ca/laws/statute/90m56',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}},
  'rule_texts': {'guardian.parent_access': {'citation': 'MFIPPA s.54(c); Kenora Public '
                                                        'Library Policy OP-02-01-01',
                                            'explanation': 'A parent of a child under 16 who '
                                                           "comes with the child's card or "
                                                           "some ID may learn the child's "
                                                           'current loans, holds and fees.'},
                 'guardian.over_age_limit': {'citation': 'MFIPPA s.54(c)'},
                 'guardian.scope': {'citation': 'MFIPPA s.54(c)'},
                 'guardian.proof_missing': {'citation': 'MFIPPA s.54(c)'},
                 'law_enforcement.emergency_with_notice': {'citation': 'MFIPPA s.32(h)'}}},
 {'jurisdiction_code': 'CA-PE',
  'name': 'Prince Edward Island',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'Freedom of Information and Protection of Privacy Act (PEI), s.37',
  'summary': 'Library records are confidential (Freedom of Information and Protection of '
             'Privacy Act (PEI), s.37). Not verified against the statute: parent access, '
             'legal instruments, emergencies; those points take the strictest reading until '
             'counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'Freedom of Information and '
                                                        'Protection of Privacy Act (PEI), '
                                                        's.37'},
                 'guardian.not_permitted': {'citation': 'Freedom of Information and '
                                                        'Protection of Privacy Act (PEI), '
                                                        's.37',
                                            'explanation': 'This point of Prince Edward '
                                                           'Island law has not been verified '
                                                           'against the statute, so the desk '
                                                           'takes the strictest reading until '
                                                           'counsel confirms it: only the '
                                                           'cardholder is told, never a '
                                                           'parent.'},
                 'guardian.over_age_limit': {'citation': 'Freedom of Information and '
                                                         'Protection of Privacy Act (PEI), '
                                                         's.37'},
                 'guardian.age_unknown': {'citation': 'Freedom of Information and Protection '
                                                      'of Privacy Act (PEI), s.37'},
                 'guardian.scope': {'citation': 'Freedom of Information and Protection of '
                                                'Privacy Act (PEI), s.37'},
                 'guardian.proof_missing': {'citation': 'Freedom of Information and '
                                                        'Protection of Privacy Act (PEI), '
                                                        's.37'},
                 'law_enforcement.legal_instrument': {'citation': 'Freedom of Information and '
                                                                  'Protection of Privacy Act '
                                                                  '(PEI), s.37'},
                 'law_enforcement.no_instrument': {'citation': 'Freedom of Information and '
                                                               'Protection of Privacy Act '
                                                               '(PEI), s.37',
                                                   'explanation': 'Which legal documents '
                                                                  'Prince Edward Island law '
                                                                  'accepts has not been '
                                                                  'verified against the '
                                                                  'statute, so the desk takes '
                                                                  'the strictest reading '
                                                                  'until counsel confirms it: '
                                                                  'only a court order, '
                                                                  'presented to the Library '
                                                                  'Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'Freedom of '
                                                                         'Information and '
                                                                         'Protection of '
                                                                         'Privacy Act (PEI), '
                                                                         's.37',
                                                             'explanation': 'Which legal '
                                                                            'documents Prince '
                                                                            'Edward Island '
                                                                            'law accepts has '
                                                                            'not been '
                                                                            'verified against '
                                                                            'the statute, so '
                                                                            'the desk takes '
                                                                            'the strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'Freedom of Information and '
                                                              'Protection of Privacy Act '
                                                              '(PEI), s.37'},
                 'law_enforcement.emergency_identity': {'citation': 'Freedom of Information '
                                                                    'and Protection of '
                                                                    'Privacy Act (PEI), s.37'},
                 'law_enforcement.emergency_identity_only': {'citation': 'Freedom of '
                                                                         'Information and '
                                                                         'Protection of '
                                                                         'Privacy Act (PEI), '
                                                                         's.37'},
                 'law_enforcement.emergency_with_notice': {'citation': 'Freedom of '
                                                                       'Information and '
                                                                       'Protection of Privacy '
                                                                       'Act (PEI), s.37'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'Freedom of '
                                                                          'Information and '
                                                                          'Protection of '
                                                                          'Privacy Act (PEI), '
                                                                          's.37',
                                                              'explanation': 'Whether Prince '
                                                                             'Edward Island '
                                                                             'law has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'Freedom of Information and Protection of '
                                              'Privacy Act (PEI), s.37',
                                  'quote': '',
                                  'url': 'https://www.princeedwardisland.ca/sites/default/files/legislation/f-15-01-freedom_of_information_and_protection_of_privacy_act.pdf',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'Freedom of Information and Protection of Privacy '
                                            'Act (PEI), s.37',
                                'quote': '',
                                'url': 'https://www.princeedwardisland.ca/sites/default/files/legislation/f-15-01-freedom_of_information_and_protection_of_privacy_act.pdf',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'Freedom of Information and Protection of '
                                              'Privacy Act (PEI), s.37',
                                  'quote': '',
                                  'url': 'https://www.princeedwardisland.ca/sites/default/files/legislation/f-15-01-freedom_of_information_and_protection_of_privacy_act.pdf',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'Freedom of Information and Protection of Privacy Act '
                                        '(PEI), s.37',
                            'quote': '',
                            'url': 'https://www.princeedwardisland.ca/sites/default/files/legislation/f-15-01-freedom_of_information_and_protection_of_privacy_act.pdf',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'CA-QC',
  'name': 'Quebec',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'Act respecting access to documents held by public bodies and the protection of '
              'personal information, s.59',
  'summary': 'Library records are confidential (Act respecting access to documents held by '
             'public bodies and the protection of personal information, s.59). Not verified '
             'against the statute: parent access, legal instruments, emergencies; those '
             'points take the strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'Act respecting access to documents '
                                                        'held by public bodies and the '
                                                        'protection of personal information, '
                                                        's.59'},
                 'guardian.not_permitted': {'citation': 'Act respecting access to documents '
                                                        'held by public bodies and the '
                                                        'protection of personal information, '
                                                        's.59',
                                            'explanation': 'This point of Quebec law has not '
                                                           'been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'Act respecting access to documents '
                                                         'held by public bodies and the '
                                                         'protection of personal information, '
                                                         's.59'},
                 'guardian.age_unknown': {'citation': 'Act respecting access to documents '
                                                      'held by public bodies and the '
                                                      'protection of personal information, '
                                                      's.59'},
                 'guardian.scope': {'citation': 'Act respecting access to documents held by '
                                                'public bodies and the protection of personal '
                                                'information, s.59'},
                 'guardian.proof_missing': {'citation': 'Act respecting access to documents '
                                                        'held by public bodies and the '
                                                        'protection of personal information, '
                                                        's.59'},
                 'law_enforcement.legal_instrument': {'citation': 'Act respecting access to '
                                                                  'documents held by public '
                                                                  'bodies and the protection '
                                                                  'of personal information, '
                                                                  's.59'},
                 'law_enforcement.no_instrument': {'citation': 'Act respecting access to '
                                                               'documents held by public '
                                                               'bodies and the protection of '
                                                               'personal information, s.59',
                                                   'explanation': 'Which legal documents '
                                                                  'Quebec law accepts has not '
                                                                  'been verified against the '
                                                                  'statute, so the desk takes '
                                                                  'the strictest reading '
                                                                  'until counsel confirms it: '
                                                                  'only a court order, '
                                                                  'presented to the Library '
                                                                  'Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'Act respecting '
                                                                         'access to documents '
                                                                         'held by public '
                                                                         'bodies and the '
                                                                         'protection of '
                                                                         'personal '
                                                                         'information, s.59',
                                                             'explanation': 'Which legal '
                                                                            'documents Quebec '
                                                                            'law accepts has '
                                                                            'not been '
                                                                            'verified against '
                                                                            'the statute, so '
                                                                            'the desk takes '
                                                                            'the strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'Act respecting access to '
                                                              'documents held by public '
                                                              'bodies and the protection of '
                                                              'personal information, s.59'},
                 'law_enforcement.emergency_identity': {'citation': 'Act respecting access to '
                                                                    'documents held by public '
                                                                    'bodies and the '
                                                                    'protection of personal '
                                                                    'information, s.59'},
                 'law_enforcement.emergency_identity_only': {'citation': 'Act respecting '
                                                                         'access to documents '
                                                                         'held by public '
                                                                         'bodies and the '
                                                                         'protection of '
                                                                         'personal '
                                                                         'information, s.59'},
                 'law_enforcement.emergency_with_notice': {'citation': 'Act respecting access '
                                                                       'to documents held by '
                                                                       'public bodies and the '
                                                                       'protection of '
                                                                       'personal information, '
                                                                       's.59'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'Act respecting '
                                                                          'access to '
                                                                          'documents held by '
                                                                          'public bodies and '
                                                                          'the protection of '
                                                                          'personal '
                                                                          'information, s.59',
                                                              'explanation': 'Whether Quebec '
                                                                             'law has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'Act respecting access to documents held by '
                                              'public bodies and the protection of personal '
                                              'information, s.59',
                                  'quote': '',
                                  'url': 'https://www.legisquebec.gouv.qc.ca/en/document/cs/A-2.1',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'Act respecting access to documents held by '
                                            'public bodies and the protection of personal '
                                            'information, s.59',
                                'quote': '',
                                'url': 'https://www.legisquebec.gouv.qc.ca/en/document/cs/A-2.1',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'Act respecting access to documents held by '
                                              'public bodies and the protection of personal '
                                              'information, s.59',
                                  'quote': '',
                                  'url': 'https://www.legisquebec.gouv.qc.ca/en/document/cs/A-2.1',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'Act respecting access to documents held by public '
                                        'bodies and the protection of personal information, '
                                        's.59',
                            'quote': '',
                            'url': 'https://www.legisquebec.gouv.qc.ca/en/document/cs/A-2.1',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'CA-SK',
  'name': 'Saskatchewan',
  'age_of_majority': 18,
  'parent_access': 'may',
  'parent_access_max_age': 18,
  'parent_access_proof': ['photo_id'],
  'parent_access_scope': ['current_loans', 'holds', 'fees'],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'LA FOIP s.28, s.49(d)',
  'summary': 'Library records are confidential (LA FOIP s.28, s.49(d)). Not verified against '
             'the statute: legal instruments, emergencies; those points take the strictest '
             'reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'LA FOIP s.49(d)',
                                            'explanation': "In Saskatchewan a child's legal "
                                                           'custodian may act for a child '
                                                           'under 18 where that is not an '
                                                           'unreasonable invasion of the '
                                                           "child's privacy; the desk shares "
                                                           'the current loans, holds and '
                                                           'fees, and the Director decides '
                                                           'anything more.'},
                 'guardian.not_permitted': {'citation': 'LA FOIP s.49(d)'},
                 'guardian.over_age_limit': {'citation': 'LA FOIP s.49(d)'},
                 'guardian.age_unknown': {'citation': 'LA FOIP s.49(d)'},
                 'guardian.scope': {'citation': 'LA FOIP s.49(d)'},
                 'guardian.proof_missing': {'citation': 'LA FOIP s.49(d)'},
                 'law_enforcement.legal_instrument': {'citation': 'LA FOIP s.28(2)'},
                 'law_enforcement.no_instrument': {'citation': 'LA FOIP s.28(2)',
                                                   'explanation': 'Which legal documents '
                                                                  'Saskatchewan law accepts '
                                                                  'has not been verified '
                                                                  'against the statute, so '
                                                                  'the desk takes the '
                                                                  'strictest reading until '
                                                                  'counsel confirms it: only '
                                                                  'a court order, presented '
                                                                  'to the Library Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'LA FOIP s.28(2)',
                                                             'explanation': 'Which legal '
                                                                            'documents '
                                                                            'Saskatchewan law '
                                                                            'accepts has not '
                                                                            'been verified '
                                                                            'against the '
                                                                            'statute, so the '
                                                                            'desk takes the '
                                                                            'strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'LA FOIP s.28(2)'},
                 'law_enforcement.emergency_identity': {'citation': 'LA FOIP s.28(2)'},
                 'law_enforcement.emergency_identity_only': {'citation': 'LA FOIP s.28(2)'},
                 'law_enforcement.emergency_with_notice': {'citation': 'LA FOIP s.28(2)'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'LA FOIP s.28(2)',
                                                              'explanation': 'Whether '
                                                                             'Saskatchewan '
                                                                             'law has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'LA FOIP s.28',
                                  'quote': '',
                                  'url': 'https://publications.saskatchewan.ca/#/products/749',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'LA FOIP s.49(d)',
                                'quote': 'where the individual is less than 18 years of age, '
                                         "by the individual's legal custodian in situations "
                                         'where, in the opinion of the head, the exercise of '
                                         'the right or power would not constitute an '
                                         'unreasonable invasion of the privacy (Saskatchewan '
                                         'IPC, Who Signs for a Child?)',
                                'url': 'https://publications.saskatchewan.ca/#/products/749',
                                'checked_on': '2026-12-06',
                                'status': 'secondary'},
              'law_enforcement': {'citation': 'LA FOIP s.28(2)',
                                  'quote': '',
                                  'url': 'https://publications.saskatchewan.ca/#/products/749',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'LA FOIP s.28(2)',
                            'quote': '',
                            'url': 'https://publications.saskatchewan.ca/#/products/749',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'CA-YT',
  'name': 'Yukon',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'Access to Information and Protection of Privacy Act (Yukon), Part 3',
  'summary': 'Library records are confidential (Access to Information and Protection of '
             'Privacy Act (Yukon), Part 3). Not verified against the statute: parent access, '
             'legal instruments, emergencies; those points take the strictest reading until '
             'counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'Access to Information and Protection '
                                                        'of Privacy Act (Yukon), Part 3'},
                 'guardian.not_permitted': {'citation': 'Access to Information and Protection '
                                                        'of Privacy Act (Yukon), Part 3',
                                            'explanation': 'This point of Yukon law has not '
                                                           'been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'Access to Information and '
                                                         'Protection of Privacy Act (Yukon), '
                                                         'Part 3'},
                 'guardian.age_unknown': {'citation': 'Access to Information and Protection '
                                                      'of Privacy Act (Yukon), Part 3'},
                 'guardian.scope': {'citation': 'Access to Information and Protection of '
                                                'Privacy Act (Yukon), Part 3'},
                 'guardian.proof_missing': {'citation': 'Access to Information and Protection '
                                                        'of Privacy Act (Yukon), Part 3'},
                 'law_enforcement.legal_instrument': {'citation': 'Access to Information and '
                                                                  'Protection of Privacy Act '
                                                                  '(Yukon), Part 3'},
                 'law_enforcement.no_instrument': {'citation': 'Access to Information and '
                                                               'Protection of Privacy Act '
                                                               '(Yukon), Part 3',
                                                   'explanation': 'Which legal documents '
                                                                  'Yukon law accepts has not '
                                                                  'been verified against the '
                                                                  'statute, so the desk takes '
                                                                  'the strictest reading '
                                                                  'until counsel confirms it: '
                                                                  'only a court order, '
                                                                  'presented to the Library '
                                                                  'Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'Access to '
                                                                         'Information and '
                                                                         'Protection of '
                                                                         'Privacy Act '
                                                                         '(Yukon), Part 3',
                                                             'explanation': 'Which legal '
                                                                            'documents Yukon '
                                                                            'law accepts has '
                                                                            'not been '
                                                                            'verified against '
                                                                            'the statute, so '
                                                                            'the desk takes '
                                                                            'the strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'Access to Information and '
                                                              'Protection of Privacy Act '
                                                              '(Yukon), Part 3'},
                 'law_enforcement.emergency_identity': {'citation': 'Access to Information '
                                                                    'and Protection of '
                                                                    'Privacy Act (Yukon), '
                                                                    'Part 3'},
                 'law_enforcement.emergency_identity_only': {'citation': 'Access to '
                                                                         'Information and '
                                                                         'Protection of '
                                                                         'Privacy Act '
                                                                         '(Yukon), Part 3'},
                 'law_enforcement.emergency_with_notice': {'citation': 'Access to Information '
                                                                       'and Protection of '
                                                                       'Privacy Act (Yukon), '
                                                                       'Part 3'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'Access to '
                                                                          'Information and '
                                                                          'Protection of '
                                                                          'Privacy Act '
                                                                          '(Yukon), Part 3',
                                                              'explanation': 'Whether Yukon '
                                                                             'law has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'Access to Information and Protection of '
                                              'Privacy Act (Yukon), Part 3',
                                  'quote': '',
                                  'url': 'https://laws.yukon.ca/cms/images/LEGISLATION/PRINCIPAL/2018/2018-0009/2018-0009.pdf',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'Access to Information and Protection of Privacy '
                                            'Act (Yukon), Part 3',
                                'quote': '',
                                'url': 'https://laws.yukon.ca/cms/images/LEGISLATION/PRINCIPAL/2018/2018-0009/2018-0009.pdf',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'Access to Information and Protection of '
                                              'Privacy Act (Yukon), Part 3',
                                  'quote': '',
                                  'url': 'https://laws.yukon.ca/cms/images/LEGISLATION/PRINCIPAL/2018/2018-0009/2018-0009.pdf',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'Access to Information and Protection of Privacy Act '
                                        '(Yukon), Part 3',
                            'quote': '',
                            'url': 'https://laws.yukon.ca/cms/images/LEGISLATION/PRINCIPAL/2018/2018-0009/2018-0009.pdf',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'US-AK',
  'name': 'Alaska',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'AS 40.25.140',
  'summary': 'Library records are confidential (AS 40.25.140).',
  'rule_texts': {'guardian.parent_access': {'citation': 'AS 40.25.140(b)'},
                 'guardian.not_permitted': {'citation': 'AS 40.25.140(b)',
                                            'explanation': 'In Alaska only school libraries '
                                                           "must show a parent a child's "
                                                           'records; a public library keeps '
                                                           'them confidential, parents '
                                                           'included.'},
                 'guardian.over_age_limit': {'citation': 'AS 40.25.140(b)'},
                 'guardian.age_unknown': {'citation': 'AS 40.25.140(b)'},
                 'guardian.scope': {'citation': 'AS 40.25.140(b)'},
                 'guardian.proof_missing': {'citation': 'AS 40.25.140(b)'},
                 'law_enforcement.legal_instrument': {'citation': 'AS 40.25.140(a)'},
                 'law_enforcement.no_instrument': {'citation': 'AS 40.25.140(a)'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'AS 40.25.140(a)'},
                 'third_party.legal_instrument': {'citation': 'AS 40.25.140(a)'},
                 'law_enforcement.emergency_identity': {'citation': 'AS 40.25.140(a)'},
                 'law_enforcement.emergency_identity_only': {'citation': 'AS 40.25.140(a)'},
                 'law_enforcement.emergency_with_notice': {'citation': 'AS 40.25.140(a)'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'AS 40.25.140(a)'}},
  'sources': {'confidentiality': {'citation': 'AS 40.25.140(a)',
                                  'quote': 'shall be kept confidential, except upon court '
                                           'order',
                                  'url': 'https://www.akleg.gov/basis/statutes.asp#40.25.140',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'parent_access': {'citation': 'AS 40.25.140(b)',
                                'quote': 'Records of a public elementary or secondary school '
                                         'library identifying a minor child shall be made '
                                         'available on request to a parent or guardian',
                                'url': 'https://www.akleg.gov/basis/statutes.asp#40.25.140',
                                'checked_on': '2026-12-06',
                                'status': 'statute'},
              'law_enforcement': {'citation': 'AS 40.25.140(a)',
                                  'quote': 'except upon court order',
                                  'url': 'https://www.akleg.gov/basis/statutes.asp#40.25.140',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'emergency': {'citation': 'AS 40.25.140(a)',
                            'quote': 'except upon court order (no emergency exception)',
                            'url': 'https://www.akleg.gov/basis/statutes.asp#40.25.140',
                            'checked_on': '2026-12-06',
                            'status': 'statute'}}},
 {'jurisdiction_code': 'US-AL',
  'name': 'Alabama',
  'age_of_majority': 18,
  'parent_access': 'must',
  'parent_access_max_age': 18,
  'parent_access_proof': ['photo_id'],
  'parent_access_scope': ['registration', 'current_loans', 'loan_history', 'holds', 'fees'],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'Ala. Code § 41-8-10',
  'summary': 'Library records are confidential (Ala. Code § 41-8-10).',
  'rule_texts': {'guardian.parent_access': {'citation': 'Ala. Code § 41-8-10',
                                            'explanation': 'Alabama law gives a parent of a '
                                                           'minor child the right to inspect '
                                                           "the child's registration and "
                                                           'circulation records, on showing a '
                                                           'photo ID.'},
                 'guardian.not_permitted': {'citation': 'Ala. Code § 41-8-10'},
                 'guardian.over_age_limit': {'citation': 'Ala. Code § 41-8-10'},
                 'guardian.age_unknown': {'citation': 'Ala. Code § 41-8-10'},
                 'guardian.scope': {'citation': 'Ala. Code § 41-8-10'},
                 'guardian.proof_missing': {'citation': 'Ala. Code § 41-8-10'},
                 'law_enforcement.legal_instrument': {'citation': 'Ala. Code § 41-8-10'},
                 'law_enforcement.no_instrument': {'citation': 'Ala. Code § 41-8-10',
                                                   'explanation': "Alabama's statute names no "
                                                                  'exception for legal '
                                                                  'process; only a court '
                                                                  'order, reviewed by the '
                                                                  'Director with counsel, can '
                                                                  'release records.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'Ala. Code § '
                                                                         '41-8-10'},
                 'third_party.legal_instrument': {'citation': 'Ala. Code § 41-8-10'},
                 'law_enforcement.emergency_identity': {'citation': 'Ala. Code § 41-8-10'},
                 'law_enforcement.emergency_identity_only': {'citation': 'Ala. Code § '
                                                                         '41-8-10'},
                 'law_enforcement.emergency_with_notice': {'citation': 'Ala. Code § 41-8-10'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'Ala. Code § '
                                                                          '41-8-10'}},
  'sources': {'confidentiality': {'citation': 'Ala. Code § 41-8-10',
                                  'quote': 'the registration and circulation records ... '
                                           'shall be confidential',
                                  'url': 'https://alison.legislature.state.al.us/code-of-alabama?section=41-8-10',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'parent_access': {'citation': 'Ala. Code § 41-8-10',
                                'quote': 'any parent of a minor child shall have the right to '
                                         'inspect the registration and circulation records '
                                         '... that pertain to his or her child',
                                'url': 'https://alison.legislature.state.al.us/code-of-alabama?section=41-8-10',
                                'checked_on': '2026-12-06',
                                'status': 'statute'},
              'law_enforcement': {'citation': 'Ala. Code § 41-8-10',
                                  'quote': 'shall not be open for inspection by, or otherwise '
                                           'available to, any agency or individual except '
                                           '(the library, the state education department, the '
                                           'Public Library Service)',
                                  'url': 'https://alison.legislature.state.al.us/code-of-alabama?section=41-8-10',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'emergency': {'citation': 'Ala. Code § 41-8-10',
                            'quote': '(no emergency exception)',
                            'url': 'https://alison.legislature.state.al.us/code-of-alabama?section=41-8-10',
                            'checked_on': '2026-12-06',
                            'status': 'statute'}}},
 {'jurisdiction_code': 'US-AR',
  'name': 'Arkansas',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['search_warrant'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'Ark. Code § 13-2-701 to -706',
  'summary': 'Library records are confidential (Ark. Code § 13-2-701 to -706). Not verified '
             'against the statute: parent access, emergencies; those points take the '
             'strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'Ark. Code § 13-2-704'},
                 'guardian.not_permitted': {'citation': 'Ark. Code § 13-2-704',
                                            'explanation': 'This point of Arkansas law has '
                                                           'not been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'Ark. Code § 13-2-704'},
                 'guardian.age_unknown': {'citation': 'Ark. Code § 13-2-704'},
                 'guardian.scope': {'citation': 'Ark. Code § 13-2-704'},
                 'guardian.proof_missing': {'citation': 'Ark. Code § 13-2-704'},
                 'law_enforcement.legal_instrument': {'citation': 'Ark. Code § 13-2-704'},
                 'law_enforcement.no_instrument': {'citation': 'Ark. Code § 13-2-704'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'Ark. Code § '
                                                                         '13-2-704',
                                                             'explanation': 'In Arkansas '
                                                                            'library records '
                                                                            'are released to '
                                                                            'law enforcement '
                                                                            'only on a search '
                                                                            'warrant, '
                                                                            'presented to the '
                                                                            'Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'Ark. Code § 13-2-704'},
                 'law_enforcement.emergency_identity': {'citation': 'Ark. Code § 13-2-704'},
                 'law_enforcement.emergency_identity_only': {'citation': 'Ark. Code § '
                                                                         '13-2-704'},
                 'law_enforcement.emergency_with_notice': {'citation': 'Ark. Code § 13-2-704'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'Ark. Code § '
                                                                          '13-2-704',
                                                              'explanation': 'Whether '
                                                                             'Arkansas law '
                                                                             'has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'Ark. Code § 13-2-703(a)',
                                  'quote': 'shall be confidential and shall not be disclosed '
                                           'except as permitted by this subchapter',
                                  'url': 'https://law.justia.com/codes/arkansas/title-13/chapter-2/subchapter-7/',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'parent_access': {'citation': 'Ark. Code § 13-2-704',
                                'quote': '',
                                'url': 'https://law.justia.com/codes/arkansas/title-13/chapter-2/subchapter-7/',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'Ark. Code § 13-2-704',
                                  'quote': 'to a law enforcement agency or civil court, '
                                           'pursuant to a search warrant (as quoted by the '
                                           "Arkansas Times and Ark. Att'y Gen. opinion on Act "
                                           '903 of 1989)',
                                  'url': 'https://law.justia.com/codes/arkansas/title-13/chapter-2/subchapter-7/',
                                  'checked_on': '2026-12-06',
                                  'status': 'secondary'},
              'emergency': {'citation': 'Ark. Code § 13-2-704',
                            'quote': '',
                            'url': 'https://law.justia.com/codes/arkansas/title-13/chapter-2/subchapter-7/',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'US-AZ',
  'name': 'Arizona',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'A.R.S. § 41-151.22',
  'summary': 'Library records are confidential (A.R.S. § 41-151.22). Not verified against the '
             'statute: parent access, legal instruments, emergencies; those points take the '
             'strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'A.R.S. § 41-151.22'},
                 'guardian.not_permitted': {'citation': 'A.R.S. § 41-151.22',
                                            'explanation': 'This point of Arizona law has not '
                                                           'been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'A.R.S. § 41-151.22'},
                 'guardian.age_unknown': {'citation': 'A.R.S. § 41-151.22'},
                 'guardian.scope': {'citation': 'A.R.S. § 41-151.22'},
                 'guardian.proof_missing': {'citation': 'A.R.S. § 41-151.22'},
                 'law_enforcement.legal_instrument': {'citation': 'A.R.S. § 41-151.22'},
                 'law_enforcement.no_instrument': {'citation': 'A.R.S. § 41-151.22',
                                                   'explanation': 'Which legal documents '
                                                                  'Arizona law accepts has '
                                                                  'not been verified against '
                                                                  'the statute, so the desk '
                                                                  'takes the strictest '
                                                                  'reading until counsel '
                                                                  'confirms it: only a court '
                                                                  'order, presented to the '
                                                                  'Library Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'A.R.S. § 41-151.22',
                                                             'explanation': 'Which legal '
                                                                            'documents '
                                                                            'Arizona law '
                                                                            'accepts has not '
                                                                            'been verified '
                                                                            'against the '
                                                                            'statute, so the '
                                                                            'desk takes the '
                                                                            'strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'A.R.S. § 41-151.22'},
                 'law_enforcement.emergency_identity': {'citation': 'A.R.S. § 41-151.22'},
                 'law_enforcement.emergency_identity_only': {'citation': 'A.R.S. § 41-151.22'},
                 'law_enforcement.emergency_with_notice': {'citation': 'A.R.S. § 41-151.22'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'A.R.S. § 41-151.22',
                                                              'explanation': 'Whether Arizona '
                                                                             'law has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'A.R.S. § 41-151.22',
                                  'quote': '',
                                  'url': 'https://www.azleg.gov/ars/41/00151-22.htm',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'A.R.S. § 41-151.22',
                                'quote': '',
                                'url': 'https://www.azleg.gov/ars/41/00151-22.htm',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'A.R.S. § 41-151.22',
                                  'quote': '',
                                  'url': 'https://www.azleg.gov/ars/41/00151-22.htm',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'A.R.S. § 41-151.22',
                            'quote': '',
                            'url': 'https://www.azleg.gov/ars/41/00151-22.htm',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'US-CA',
  'name': 'California',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'Cal. Gov. Code § 7927.105',
  'summary': 'Library records are confidential (Cal. Gov. Code § 7927.105).',
  'rule_texts': {'guardian.parent_access': {'citation': 'Cal. Gov. Code § 7927.105(c)(2)'},
                 'guardian.not_permitted': {'citation': 'Cal. Gov. Code § 7927.105(c)(2)'},
                 'guardian.over_age_limit': {'citation': 'Cal. Gov. Code § 7927.105(c)(2)'},
                 'guardian.age_unknown': {'citation': 'Cal. Gov. Code § 7927.105(c)(2)'},
                 'guardian.scope': {'citation': 'Cal. Gov. Code § 7927.105(c)(2)'},
                 'guardian.proof_missing': {'citation': 'Cal. Gov. Code § 7927.105(c)(2)'},
                 'law_enforcement.legal_instrument': {'citation': 'Cal. Gov. Code § '
                                                                  '7927.105(c)(3)'},
                 'law_enforcement.no_instrument': {'citation': 'Cal. Gov. Code § '
                                                               '7927.105(c)(3)'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'Cal. Gov. Code § '
                                                                         '7927.105(c)(3)'},
                 'third_party.legal_instrument': {'citation': 'Cal. Gov. Code § '
                                                              '7927.105(c)(3)'},
                 'law_enforcement.emergency_identity': {'citation': 'Cal. Gov. Code § '
                                                                    '7927.105(c)'},
                 'law_enforcement.emergency_identity_only': {'citation': 'Cal. Gov. Code § '
                                                                         '7927.105(c)'},
                 'law_enforcement.emergency_with_notice': {'citation': 'Cal. Gov. Code § '
                                                                       '7927.105(c)'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'Cal. Gov. Code § '
                                                                          '7927.105(c)'}},
  'sources': {'confidentiality': {'citation': 'Cal. Gov. Code § 7927.105(c)',
                                  'quote': 'All patron use records of a library that is in '
                                           'whole or in part supported by public funds shall '
                                           'remain confidential',
                                  'url': 'https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?sectionNum=7927.105.&lawCode=GOV',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'parent_access': {'citation': 'Cal. Gov. Code § 7927.105(c)(2)',
                                'quote': 'By a person authorized in writing to inspect the '
                                         'records. The authorization shall be from the '
                                         'individual to whom the records pertain.',
                                'url': 'https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?sectionNum=7927.105.&lawCode=GOV',
                                'checked_on': '2026-12-06',
                                'status': 'statute'},
              'law_enforcement': {'citation': 'Cal. Gov. Code § 7927.105(c)(3)',
                                  'quote': 'By order of the appropriate superior court.',
                                  'url': 'https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?sectionNum=7927.105.&lawCode=GOV',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'emergency': {'citation': 'Cal. Gov. Code § 7927.105(c)',
                            'quote': 'All patron use records of a library that is in whole or '
                                     'in part supported by public funds shall remain '
                                     'confidential',
                            'url': 'https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?sectionNum=7927.105.&lawCode=GOV',
                            'checked_on': '2026-12-06',
                            'status': 'statute'}}},
 {'jurisdiction_code': 'US-CO',
  'name': 'Colorado',
  'age_of_majority': 18,
  'parent_access': 'may',
  'parent_access_max_age': 18,
  'parent_access_proof': ['card'],
  'parent_access_scope': ['current_loans', 'holds', 'fees'],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['subpoena', 'court_order', 'search_warrant'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'C.R.S. 24-90-119',
  'summary': 'Library records are confidential (C.R.S. 24-90-119).',
  'rule_texts': {'guardian.parent_access': {'citation': 'C.R.S. 24-90-119(2)(d)',
                                            'explanation': 'Colorado law lets a custodial '
                                                           'parent or guardian who holds the '
                                                           "child's card see the child's "
                                                           'records electronically, as the '
                                                           'online account shows them: '
                                                           'current loans, holds and fees.'},
                 'guardian.not_permitted': {'citation': 'C.R.S. 24-90-119(2)(d)'},
                 'guardian.over_age_limit': {'citation': 'C.R.S. 24-90-119(2)(d)'},
                 'guardian.age_unknown': {'citation': 'C.R.S. 24-90-119(2)(d)'},
                 'guardian.scope': {'citation': 'C.R.S. 24-90-119(2)(d)'},
                 'guardian.proof_missing': {'citation': 'C.R.S. 24-90-119(2)(d)',
                                            'explanation': "Colorado's exception is for a "
                                                           "parent who holds the child's "
                                                           'library card; without the card I '
                                                           "can't share the child's account."},
                 'law_enforcement.legal_instrument': {'citation': 'C.R.S. 24-90-119(2)(c)'},
                 'law_enforcement.no_instrument': {'citation': 'C.R.S. 24-90-119(2)(c)'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'C.R.S. '
                                                                         '24-90-119(2)(c)'},
                 'third_party.legal_instrument': {'citation': 'C.R.S. 24-90-119(2)(c)'},
                 'law_enforcement.emergency_identity': {'citation': 'C.R.S. 24-90-119'},
                 'law_enforcement.emergency_identity_only': {'citation': 'C.R.S. 24-90-119'},
                 'law_enforcement.emergency_with_notice': {'citation': 'C.R.S. 24-90-119'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'C.R.S. 24-90-119'}},
  'sources': {'confidentiality': {'citation': 'C.R.S. 24-90-119(1)',
                                  'quote': 'a publicly supported library shall not disclose '
                                           'any record or other information that identifies a '
                                           'person as having requested or obtained specific '
                                           'materials or service',
                                  'url': 'https://leg.colorado.gov/colorado-revised-statutes',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'parent_access': {'citation': 'C.R.S. 24-90-119(2)(d)',
                                'quote': 'To a custodial parent or legal guardian who has '
                                         "access to a minor's library card or its "
                                         'authorization number for the purpose of accessing '
                                         'by electronic means library records of the minor',
                                'url': 'https://leg.colorado.gov/colorado-revised-statutes',
                                'checked_on': '2026-12-06',
                                'status': 'statute'},
              'law_enforcement': {'citation': 'C.R.S. 24-90-119(2)(c)',
                                  'quote': 'Pursuant to subpoena, upon court order, or where '
                                           'otherwise required by law',
                                  'url': 'https://leg.colorado.gov/colorado-revised-statutes',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'emergency': {'citation': 'C.R.S. 24-90-119',
                            'quote': '(no emergency exception)',
                            'url': 'https://leg.colorado.gov/colorado-revised-statutes',
                            'checked_on': '2026-12-06',
                            'status': 'statute'}}},
 {'jurisdiction_code': 'US-CT',
  'name': 'Connecticut',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'Conn. Gen. Stat. § 11-25(b)',
  'summary': 'Library records are confidential (Conn. Gen. Stat. § 11-25(b)). Not verified '
             'against the statute: parent access, legal instruments, emergencies; those '
             'points take the strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'Conn. Gen. Stat. § 11-25(b)'},
                 'guardian.not_permitted': {'citation': 'Conn. Gen. Stat. § 11-25(b)',
                                            'explanation': 'This point of Connecticut law has '
                                                           'not been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'Conn. Gen. Stat. § 11-25(b)'},
                 'guardian.age_unknown': {'citation': 'Conn. Gen. Stat. § 11-25(b)'},
                 'guardian.scope': {'citation': 'Conn. Gen. Stat. § 11-25(b)'},
                 'guardian.proof_missing': {'citation': 'Conn. Gen. Stat. § 11-25(b)'},
                 'law_enforcement.legal_instrument': {'citation': 'Conn. Gen. Stat. § '
                                                                  '11-25(b)'},
                 'law_enforcement.no_instrument': {'citation': 'Conn. Gen. Stat. § 11-25(b)',
                                                   'explanation': 'Which legal documents '
                                                                  'Connecticut law accepts '
                                                                  'has not been verified '
                                                                  'against the statute, so '
                                                                  'the desk takes the '
                                                                  'strictest reading until '
                                                                  'counsel confirms it: only '
                                                                  'a court order, presented '
                                                                  'to the Library Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'Conn. Gen. Stat. § '
                                                                         '11-25(b)',
                                                             'explanation': 'Which legal '
                                                                            'documents '
                                                                            'Connecticut law '
                                                                            'accepts has not '
                                                                            'been verified '
                                                                            'against the '
                                                                            'statute, so the '
                                                                            'desk takes the '
                                                                            'strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'Conn. Gen. Stat. § 11-25(b)'},
                 'law_enforcement.emergency_identity': {'citation': 'Conn. Gen. Stat. § '
                                                                    '11-25(b)'},
                 'law_enforcement.emergency_identity_only': {'citation': 'Conn. Gen. Stat. § '
                                                                         '11-25(b)'},
                 'law_enforcement.emergency_with_notice': {'citation': 'Conn. Gen. Stat. § '
                                                                       '11-25(b)'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'Conn. Gen. Stat. § '
                                                                          '11-25(b)',
                                                              'explanation': 'Whether '
                                                                             'Connecticut law '
                                                                             'has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'Conn. Gen. Stat. § 11-25(b)',
                                  'quote': '',
                                  'url': 'https://www.cga.ct.gov/current/pub/chap_190.htm',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'Conn. Gen. Stat. § 11-25(b)',
                                'quote': '',
                                'url': 'https://www.cga.ct.gov/current/pub/chap_190.htm',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'Conn. Gen. Stat. § 11-25(b)',
                                  'quote': '',
                                  'url': 'https://www.cga.ct.gov/current/pub/chap_190.htm',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'Conn. Gen. Stat. § 11-25(b)',
                            'quote': '',
                            'url': 'https://www.cga.ct.gov/current/pub/chap_190.htm',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'US-DC',
  'name': 'District of Columbia',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'D.C. Code § 39-108',
  'summary': 'Library records are confidential (D.C. Code § 39-108). Not verified against the '
             'statute: parent access, legal instruments, emergencies; those points take the '
             'strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'D.C. Code § 39-108'},
                 'guardian.not_permitted': {'citation': 'D.C. Code § 39-108',
                                            'explanation': 'This point of District of '
                                                           'Columbia law has not been '
                                                           'verified against the statute, so '
                                                           'the desk takes the strictest '
                                                           'reading until counsel confirms '
                                                           'it: only the cardholder is told, '
                                                           'never a parent.'},
                 'guardian.over_age_limit': {'citation': 'D.C. Code § 39-108'},
                 'guardian.age_unknown': {'citation': 'D.C. Code § 39-108'},
                 'guardian.scope': {'citation': 'D.C. Code § 39-108'},
                 'guardian.proof_missing': {'citation': 'D.C. Code § 39-108'},
                 'law_enforcement.legal_instrument': {'citation': 'D.C. Code § 39-108'},
                 'law_enforcement.no_instrument': {'citation': 'D.C. Code § 39-108',
                                                   'explanation': 'Which legal documents '
                                                                  'District of Columbia law '
                                                                  'accepts has not been '
                                                                  'verified against the '
                                                                  'statute, so the desk takes '
                                                                  'the strictest reading '
                                                                  'until counsel confirms it: '
                                                                  'only a court order, '
                                                                  'presented to the Library '
                                                                  'Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'D.C. Code § 39-108',
                                                             'explanation': 'Which legal '
                                                                            'documents '
                                                                            'District of '
                                                                            'Columbia law '
                                                                            'accepts has not '
                                                                            'been verified '
                                                                            'against the '
                                                                            'statute, so the '
                                                                            'desk takes the '
                                                                            'strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'D.C. Code § 39-108'},
                 'law_enforcement.emergency_identity': {'citation': 'D.C. Code § 39-108'},
                 'law_enforcement.emergency_identity_only': {'citation': 'D.C. Code § 39-108'},
                 'law_enforcement.emergency_with_notice': {'citation': 'D.C. Code § 39-108'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'D.C. Code § 39-108',
                                                              'explanation': 'Whether '
                                                                             'District of '
                                                                             'Columbia law '
                                                                             'has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'D.C. Code § 39-108',
                                  'quote': '',
                                  'url': 'https://code.dccouncil.gov/us/dc/council/code/sections/39-108',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'D.C. Code § 39-108',
                                'quote': '',
                                'url': 'https://code.dccouncil.gov/us/dc/council/code/sections/39-108',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'D.C. Code § 39-108',
                                  'quote': '',
                                  'url': 'https://code.dccouncil.gov/us/dc/council/code/sections/39-108',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'D.C. Code § 39-108',
                            'quote': '',
                            'url': 'https://code.dccouncil.gov/us/dc/council/code/sections/39-108',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'US-DE',
  'name': 'Delaware',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': '29 Del. C. § 10002',
  'summary': 'Library records are confidential (29 Del. C. § 10002). Not verified against the '
             'statute: parent access, legal instruments, emergencies; those points take the '
             'strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': '29 Del. C. § 10002'},
                 'guardian.not_permitted': {'citation': '29 Del. C. § 10002',
                                            'explanation': 'This point of Delaware law has '
                                                           'not been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': '29 Del. C. § 10002'},
                 'guardian.age_unknown': {'citation': '29 Del. C. § 10002'},
                 'guardian.scope': {'citation': '29 Del. C. § 10002'},
                 'guardian.proof_missing': {'citation': '29 Del. C. § 10002'},
                 'law_enforcement.legal_instrument': {'citation': '29 Del. C. § 10002'},
                 'law_enforcement.no_instrument': {'citation': '29 Del. C. § 10002',
                                                   'explanation': 'Which legal documents '
                                                                  'Delaware law accepts has '
                                                                  'not been verified against '
                                                                  'the statute, so the desk '
                                                                  'takes the strictest '
                                                                  'reading until counsel '
                                                                  'confirms it: only a court '
                                                                  'order, presented to the '
                                                                  'Library Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': '29 Del. C. § 10002',
                                                             'explanation': 'Which legal '
                                                                            'documents '
                                                                            'Delaware law '
                                                                            'accepts has not '
                                                                            'been verified '
                                                                            'against the '
                                                                            'statute, so the '
                                                                            'desk takes the '
                                                                            'strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': '29 Del. C. § 10002'},
                 'law_enforcement.emergency_identity': {'citation': '29 Del. C. § 10002'},
                 'law_enforcement.emergency_identity_only': {'citation': '29 Del. C. § 10002'},
                 'law_enforcement.emergency_with_notice': {'citation': '29 Del. C. § 10002'},
                 'law_enforcement.emergency_not_recognised': {'citation': '29 Del. C. § 10002',
                                                              'explanation': 'Whether '
                                                                             'Delaware law '
                                                                             'has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': '29 Del. C. § 10002',
                                  'quote': '',
                                  'url': 'https://delcode.delaware.gov/title29/c100/',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': '29 Del. C. § 10002',
                                'quote': '',
                                'url': 'https://delcode.delaware.gov/title29/c100/',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': '29 Del. C. § 10002',
                                  'quote': '',
                                  'url': 'https://delcode.delaware.gov/title29/c100/',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': '29 Del. C. § 10002',
                            'quote': '',
                            'url': 'https://delcode.delaware.gov/title29/c100/',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'US-FL',
  'name': 'Florida',
  'age_of_majority': 18,
  'parent_access': 'may',
  'parent_access_max_age': 16,
  'parent_access_proof': ['photo_id'],
  'parent_access_scope': ['fees'],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order', 'search_warrant'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'Fla. Stat. § 257.261',
  'summary': 'Library records are confidential (Fla. Stat. § 257.261).',
  'rule_texts': {'guardian.parent_access': {'citation': 'Fla. Stat. § 257.261(3)(b)2.',
                                            'explanation': 'Florida law lets the library tell '
                                                           'the parent or guardian of a child '
                                                           'under 16 what the child owes, to '
                                                           'collect fines or recover overdue '
                                                           "items: the child's fees, and "
                                                           'nothing about what the child '
                                                           'reads.'},
                 'guardian.not_permitted': {'citation': 'Fla. Stat. § 257.261(3)(b)2.'},
                 'guardian.over_age_limit': {'citation': 'Fla. Stat. § 257.261(3)(b)2.'},
                 'guardian.age_unknown': {'citation': 'Fla. Stat. § 257.261(3)(b)2.'},
                 'guardian.scope': {'citation': 'Fla. Stat. § 257.261(3)(b)2.',
                                    'explanation': 'In Florida a parent of a child under 16 '
                                                   'may learn only what is needed to collect '
                                                   'fines or recover overdue items: the '
                                                   "child's fees."},
                 'guardian.proof_missing': {'citation': 'Fla. Stat. § 257.261(3)(b)2.'},
                 'law_enforcement.legal_instrument': {'citation': 'Fla. Stat. § '
                                                                  '257.261(3)(a)'},
                 'law_enforcement.no_instrument': {'citation': 'Fla. Stat. § 257.261(3)(a)'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'Fla. Stat. § '
                                                                         '257.261(3)(a)'},
                 'third_party.legal_instrument': {'citation': 'Fla. Stat. § 257.261(3)(a)'},
                 'law_enforcement.emergency_identity': {'citation': 'Fla. Stat. § 257.261(3)'},
                 'law_enforcement.emergency_identity_only': {'citation': 'Fla. Stat. § '
                                                                         '257.261(3)'},
                 'law_enforcement.emergency_with_notice': {'citation': 'Fla. Stat. § '
                                                                       '257.261(3)'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'Fla. Stat. § '
                                                                          '257.261(3)'}},
  'sources': {'confidentiality': {'citation': 'Fla. Stat. § 257.261(1)',
                                  'quote': 'All registration and circulation records of every '
                                           'public library ... are confidential and exempt',
                                  'url': 'https://www.flsenate.gov/Laws/Statutes/2024/257.261',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'parent_access': {'citation': 'Fla. Stat. § 257.261(3)(b)2.',
                                'quote': 'only for the purpose of collecting fines or '
                                         'recovering overdue books ... In the case of a '
                                         'library patron less than 16 years of age, the '
                                         'parent or guardian',
                                'url': 'https://www.flsenate.gov/Laws/Statutes/2024/257.261',
                                'checked_on': '2026-12-06',
                                'status': 'statute'},
              'law_enforcement': {'citation': 'Fla. Stat. § 257.261(3)(a)',
                                  'quote': 'Except in accordance with a proper judicial '
                                           'order, a person may not make known in any manner '
                                           'any information',
                                  'url': 'https://www.flsenate.gov/Laws/Statutes/2024/257.261',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'emergency': {'citation': 'Fla. Stat. § 257.261(3)',
                            'quote': '(no emergency exception)',
                            'url': 'https://www.flsenate.gov/Laws/Statutes/2024/257.261',
                            'checked_on': '2026-12-06',
                            'status': 'statute'}}},
 {'jurisdiction_code': 'US-GA',
  'name': 'Georgia',
  'age_of_majority': 18,
  'parent_access': 'may',
  'parent_access_max_age': 18,
  'parent_access_proof': ['photo_id'],
  'parent_access_scope': ['registration',
                          'current_loans',
                          'loan_history',
                          'holds',
                          'fees',
                          'program_attendance',
                          'computer_use',
                          'reference'],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['subpoena', 'court_order', 'search_warrant'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'O.C.G.A. § 24-12-30',
  'summary': 'Library records are confidential (O.C.G.A. § 24-12-30).',
  'rule_texts': {'guardian.parent_access': {'citation': 'O.C.G.A. § 24-12-30(a)(2) (formerly '
                                                        '§ 24-9-46)',
                                            'explanation': 'Georgia law lets the parent or '
                                                           'guardian of a minor consent in '
                                                           'writing to the disclosure of the '
                                                           "minor's records; with a photo ID "
                                                           'and a signed consent the parent '
                                                           'may learn them.'},
                 'guardian.not_permitted': {'citation': 'O.C.G.A. § 24-12-30(a)(2) (formerly '
                                                        '§ 24-9-46)'},
                 'guardian.over_age_limit': {'citation': 'O.C.G.A. § 24-12-30(a)(2) (formerly '
                                                         '§ 24-9-46)'},
                 'guardian.age_unknown': {'citation': 'O.C.G.A. § 24-12-30(a)(2) (formerly § '
                                                      '24-9-46)'},
                 'guardian.scope': {'citation': 'O.C.G.A. § 24-12-30(a)(2) (formerly § '
                                                '24-9-46)'},
                 'guardian.proof_missing': {'citation': 'O.C.G.A. § 24-12-30(a)(2) (formerly '
                                                        '§ 24-9-46)'},
                 'law_enforcement.legal_instrument': {'citation': 'O.C.G.A. § 24-12-30(a)(3) '
                                                                  '(formerly § 24-9-46)'},
                 'law_enforcement.no_instrument': {'citation': 'O.C.G.A. § 24-12-30(a)(3) '
                                                               '(formerly § 24-9-46)'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'O.C.G.A. § '
                                                                         '24-12-30(a)(3) '
                                                                         '(formerly § '
                                                                         '24-9-46)'},
                 'third_party.legal_instrument': {'citation': 'O.C.G.A. § 24-12-30(a)(3) '
                                                              '(formerly § 24-9-46)'},
                 'law_enforcement.emergency_identity': {'citation': 'O.C.G.A. § 24-12-30 '
                                                                    '(formerly § 24-9-46)'},
                 'law_enforcement.emergency_identity_only': {'citation': 'O.C.G.A. § 24-12-30 '
                                                                         '(formerly § '
                                                                         '24-9-46)'},
                 'law_enforcement.emergency_with_notice': {'citation': 'O.C.G.A. § 24-12-30 '
                                                                       '(formerly § 24-9-46)'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'O.C.G.A. § '
                                                                          '24-12-30 (formerly '
                                                                          '§ 24-9-46)'}},
  'sources': {'confidentiality': {'citation': 'O.C.G.A. § 24-12-30 (formerly § 24-9-46)',
                                  'quote': 'Circulation and similar records of a library '
                                           'which identify the user ... shall be confidential',
                                  'url': 'https://law.justia.com/codes/georgia/title-24/chapter-12/section-24-12-30/',
                                  'checked_on': '2026-12-06',
                                  'status': 'secondary'},
              'parent_access': {'citation': 'O.C.G.A. § 24-12-30(a)(2) (formerly § 24-9-46)',
                                'quote': 'Upon written consent of the user of the library '
                                         "materials or the user's parents or guardian if the "
                                         'user is a minor',
                                'url': 'https://law.justia.com/codes/georgia/title-24/chapter-12/section-24-12-30/',
                                'checked_on': '2026-12-06',
                                'status': 'secondary'},
              'law_enforcement': {'citation': 'O.C.G.A. § 24-12-30(a)(3) (formerly § 24-9-46)',
                                  'quote': 'Upon appropriate court order or subpoena',
                                  'url': 'https://law.justia.com/codes/georgia/title-24/chapter-12/section-24-12-30/',
                                  'checked_on': '2026-12-06',
                                  'status': 'secondary'},
              'emergency': {'citation': 'O.C.G.A. § 24-12-30 (formerly § 24-9-46)',
                            'quote': 'Circulation and similar records of a library which '
                                     'identify the user ... shall be confidential',
                            'url': 'https://law.justia.com/codes/georgia/title-24/chapter-12/section-24-12-30/',
                            'checked_on': '2026-12-06',
                            'status': 'secondary'}}},
 {'jurisdiction_code': 'US-HI',
  'name': 'Hawaii',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': "HRS § 92F-13 (Att'y Gen. opinions)",
  'summary': "Library records are confidential (HRS § 92F-13 (Att'y Gen. opinions)). Not "
             'verified against the statute: parent access, legal instruments, emergencies; '
             'those points take the strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': "HRS § 92F-13 (Att'y Gen. opinions)"},
                 'guardian.not_permitted': {'citation': "HRS § 92F-13 (Att'y Gen. opinions)",
                                            'explanation': 'This point of Hawaii law has not '
                                                           'been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': "HRS § 92F-13 (Att'y Gen. opinions)"},
                 'guardian.age_unknown': {'citation': "HRS § 92F-13 (Att'y Gen. opinions)"},
                 'guardian.scope': {'citation': "HRS § 92F-13 (Att'y Gen. opinions)"},
                 'guardian.proof_missing': {'citation': "HRS § 92F-13 (Att'y Gen. opinions)"},
                 'law_enforcement.legal_instrument': {'citation': "HRS § 92F-13 (Att'y Gen. "
                                                                  'opinions)'},
                 'law_enforcement.no_instrument': {'citation': "HRS § 92F-13 (Att'y Gen. "
                                                               'opinions)',
                                                   'explanation': 'Which legal documents '
                                                                  'Hawaii law accepts has not '
                                                                  'been verified against the '
                                                                  'statute, so the desk takes '
                                                                  'the strictest reading '
                                                                  'until counsel confirms it: '
                                                                  'only a court order, '
                                                                  'presented to the Library '
                                                                  'Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': "HRS § 92F-13 (Att'y "
                                                                         'Gen. opinions)',
                                                             'explanation': 'Which legal '
                                                                            'documents Hawaii '
                                                                            'law accepts has '
                                                                            'not been '
                                                                            'verified against '
                                                                            'the statute, so '
                                                                            'the desk takes '
                                                                            'the strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': "HRS § 92F-13 (Att'y Gen. "
                                                              'opinions)'},
                 'law_enforcement.emergency_identity': {'citation': "HRS § 92F-13 (Att'y Gen. "
                                                                    'opinions)'},
                 'law_enforcement.emergency_identity_only': {'citation': "HRS § 92F-13 (Att'y "
                                                                         'Gen. opinions)'},
                 'law_enforcement.emergency_with_notice': {'citation': "HRS § 92F-13 (Att'y "
                                                                       'Gen. opinions)'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'HRS § 92F-13 '
                                                                          "(Att'y Gen. "
                                                                          'opinions)',
                                                              'explanation': 'Whether Hawaii '
                                                                             'law has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': "HRS § 92F-13 (Att'y Gen. opinions)",
                                  'quote': '',
                                  'url': 'https://www.capitol.hawaii.gov/hrscurrent/Vol02_Ch0046-0115/HRS0092F/HRS_0092F-0013.htm',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': "HRS § 92F-13 (Att'y Gen. opinions)",
                                'quote': '',
                                'url': 'https://www.capitol.hawaii.gov/hrscurrent/Vol02_Ch0046-0115/HRS0092F/HRS_0092F-0013.htm',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': "HRS § 92F-13 (Att'y Gen. opinions)",
                                  'quote': '',
                                  'url': 'https://www.capitol.hawaii.gov/hrscurrent/Vol02_Ch0046-0115/HRS0092F/HRS_0092F-0013.htm',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': "HRS § 92F-13 (Att'y Gen. opinions)",
                            'quote': '',
                            'url': 'https://www.capitol.hawaii.gov/hrscurrent/Vol02_Ch0046-0115/HRS0092F/HRS_0092F-0013.htm',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'US-IA',
  'name': 'Iowa',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'Iowa Code § 22.7(13)',
  'summary': 'Library records are confidential (Iowa Code § 22.7(13)). Not verified against '
             'the statute: parent access, legal instruments, emergencies; those points take '
             'the strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'Iowa Code § 22.7(13)'},
                 'guardian.not_permitted': {'citation': 'Iowa Code § 22.7(13)',
                                            'explanation': 'This point of Iowa law has not '
                                                           'been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'Iowa Code § 22.7(13)'},
                 'guardian.age_unknown': {'citation': 'Iowa Code § 22.7(13)'},
                 'guardian.scope': {'citation': 'Iowa Code § 22.7(13)'},
                 'guardian.proof_missing': {'citation': 'Iowa Code § 22.7(13)'},
                 'law_enforcement.legal_instrument': {'citation': 'Iowa Code § 22.7(13)'},
                 'law_enforcement.no_instrument': {'citation': 'Iowa Code § 22.7(13)',
                                                   'explanation': 'Which legal documents Iowa '
                                                                  'law accepts has not been '
                                                                  'verified against the '
                                                                  'statute, so the desk takes '
                                                                  'the strictest reading '
                                                                  'until counsel confirms it: '
                                                                  'only a court order, '
                                                                  'presented to the Library '
                                                                  'Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'Iowa Code § '
                                                                         '22.7(13)',
                                                             'explanation': 'Which legal '
                                                                            'documents Iowa '
                                                                            'law accepts has '
                                                                            'not been '
                                                                            'verified against '
                                                                            'the statute, so '
                                                                            'the desk takes '
                                                                            'the strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'Iowa Code § 22.7(13)'},
                 'law_enforcement.emergency_identity': {'citation': 'Iowa Code § 22.7(13)'},
                 'law_enforcement.emergency_identity_only': {'citation': 'Iowa Code § '
                                                                         '22.7(13)'},
                 'law_enforcement.emergency_with_notice': {'citation': 'Iowa Code § 22.7(13)'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'Iowa Code § '
                                                                          '22.7(13)',
                                                              'explanation': 'Whether Iowa '
                                                                             'law has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'Iowa Code § 22.7(13)',
                                  'quote': '',
                                  'url': 'https://www.legis.iowa.gov/docs/code/22.7.pdf',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'Iowa Code § 22.7(13)',
                                'quote': '',
                                'url': 'https://www.legis.iowa.gov/docs/code/22.7.pdf',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'Iowa Code § 22.7(13)',
                                  'quote': '',
                                  'url': 'https://www.legis.iowa.gov/docs/code/22.7.pdf',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'Iowa Code § 22.7(13)',
                            'quote': '',
                            'url': 'https://www.legis.iowa.gov/docs/code/22.7.pdf',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'US-ID',
  'name': 'Idaho',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'Idaho Code § 74-108',
  'summary': 'Library records are confidential (Idaho Code § 74-108). Not verified against '
             'the statute: parent access, legal instruments, emergencies; those points take '
             'the strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'Idaho Code § 74-108'},
                 'guardian.not_permitted': {'citation': 'Idaho Code § 74-108',
                                            'explanation': 'This point of Idaho law has not '
                                                           'been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'Idaho Code § 74-108'},
                 'guardian.age_unknown': {'citation': 'Idaho Code § 74-108'},
                 'guardian.scope': {'citation': 'Idaho Code § 74-108'},
                 'guardian.proof_missing': {'citation': 'Idaho Code § 74-108'},
                 'law_enforcement.legal_instrument': {'citation': 'Idaho Code § 74-108'},
                 'law_enforcement.no_instrument': {'citation': 'Idaho Code § 74-108',
                                                   'explanation': 'Which legal documents '
                                                                  'Idaho law accepts has not '
                                                                  'been verified against the '
                                                                  'statute, so the desk takes '
                                                                  'the strictest reading '
                                                                  'until counsel confirms it: '
                                                                  'only a court order, '
                                                                  'presented to the Library '
                                                                  'Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'Idaho Code § 74-108',
                                                             'explanation': 'Which legal '
                                                                            'documents Idaho '
                                                                            'law accepts has '
                                                                            'not been '
                                                                            'verified against '
                                                                            'the statute, so '
                                                                            'the desk takes '
                                                                            'the strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'Idaho Code § 74-108'},
                 'law_enforcement.emergency_identity': {'citation': 'Idaho Code § 74-108'},
                 'law_enforcement.emergency_identity_only': {'citation': 'Idaho Code § '
                                                                         '74-108'},
                 'law_enforcement.emergency_with_notice': {'citation': 'Idaho Code § 74-108'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'Idaho Code § '
                                                                          '74-108',
                                                              'explanation': 'Whether Idaho '
                                                                             'law has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'Idaho Code § 74-108',
                                  'quote': '',
                                  'url': 'https://legislature.idaho.gov/statutesrules/idstat/Title74/T74CH1/SECT74-108/',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'Idaho Code § 74-108',
                                'quote': '',
                                'url': 'https://legislature.idaho.gov/statutesrules/idstat/Title74/T74CH1/SECT74-108/',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'Idaho Code § 74-108',
                                  'quote': '',
                                  'url': 'https://legislature.idaho.gov/statutesrules/idstat/Title74/T74CH1/SECT74-108/',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'Idaho Code § 74-108',
                            'quote': '',
                            'url': 'https://legislature.idaho.gov/statutesrules/idstat/Title74/T74CH1/SECT74-108/',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'US-IL',
  'name': 'Illinois',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order', 'search_warrant'],
  'emergency_disclosure': 'identity_only',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': '75 ILCS 70/1',
  'summary': 'Library registration and circulation records are confidential under the '
             'Illinois Library Records Confidentiality Act. They are released only on a court '
             'order (a search warrant is one), presented to the Director. In an emergency, a '
             "sworn officer may be given a patron's identity only.",
  'sources': {'confidentiality': {'citation': '75 ILCS 70/1(a)',
                                  'quote': 'The registration and circulation records of a '
                                           'library are confidential information.',
                                  'url': 'https://www.ilga.gov/legislation/ilcs/fulltext.asp?DocName=007500700K1',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'parent_access': {'citation': '75 ILCS 70/1(a)',
                                'quote': 'No person shall publish or make any information '
                                         'contained in such records available to the public '
                                         'unless ... (no parent exception)',
                                'url': 'https://www.ilga.gov/legislation/ilcs/fulltext.asp?DocName=007500700K1',
                                'checked_on': '2026-12-06',
                                'status': 'statute'},
              'law_enforcement': {'citation': '75 ILCS 70/1(a)(1)',
                                  'quote': 'required to do so under a court order',
                                  'url': 'https://www.ilga.gov/legislation/ilcs/fulltext.asp?DocName=007500700K1',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'emergency': {'citation': '75 ILCS 70/1(a)(2)',
                            'quote': 'limited to identifying a suspect, witness, or victim of '
                                     'a crime ... must sign a form acknowledging the receipt '
                                     'of the information',
                            'url': 'https://www.ilga.gov/legislation/ilcs/fulltext.asp?DocName=007500700K1',
                            'checked_on': '2026-12-06',
                            'status': 'statute'}},
  'rule_texts': {'law_enforcement.instrument_not_accepted': {'citation': '75 ILCS 70/1(a)',
                                                             'explanation': 'In Illinois a '
                                                                            'subpoena is not '
                                                                            'enough: library '
                                                                            'records are '
                                                                            'released only on '
                                                                            'a court order, '
                                                                            'such as a search '
                                                                            'warrant, '
                                                                            'presented to the '
                                                                            'Library '
                                                                            'Director.'},
                 'law_enforcement.legal_instrument': {'citation': '75 ILCS 70/1(a)'},
                 'law_enforcement.emergency_identity': {'citation': '75 ILCS 70/1(b)'},
                 'law_enforcement.emergency_identity_only': {'citation': '75 ILCS 70/1(b)'},
                 'guardian.not_permitted': {'explanation': "Illinois law keeps a cardholder's "
                                                           'registration and circulation '
                                                           'records confidential from '
                                                           'everyone without a court order, '
                                                           'parents included.'}}},
 {'jurisdiction_code': 'US-IN',
  'name': 'Indiana',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'IC 5-14-3-4(b)(16)',
  'summary': 'Library records are confidential (IC 5-14-3-4(b)(16)). Not verified against the '
             'statute: parent access, legal instruments, emergencies; those points take the '
             'strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'IC 5-14-3-4(b)(16)'},
                 'guardian.not_permitted': {'citation': 'IC 5-14-3-4(b)(16)',
                                            'explanation': 'This point of Indiana law has not '
                                                           'been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'IC 5-14-3-4(b)(16)'},
                 'guardian.age_unknown': {'citation': 'IC 5-14-3-4(b)(16)'},
                 'guardian.scope': {'citation': 'IC 5-14-3-4(b)(16)'},
                 'guardian.proof_missing': {'citation': 'IC 5-14-3-4(b)(16)'},
                 'law_enforcement.legal_instrument': {'citation': 'IC 5-14-3-4(b)(16)'},
                 'law_enforcement.no_instrument': {'citation': 'IC 5-14-3-4(b)(16)',
                                                   'explanation': 'Which legal documents '
                                                                  'Indiana law accepts has '
                                                                  'not been verified against '
                                                                  'the statute, so the desk '
                                                                  'takes the strictest '
                                                                  'reading until counsel '
                                                                  'confirms it: only a court '
                                                                  'order, presented to the '
                                                                  'Library Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'IC 5-14-3-4(b)(16)',
                                                             'explanation': 'Which legal '
                                                                            'documents '
                                                                            'Indiana law '
                                                                            'accepts has not '
                                                                            'been verified '
                                                                            'against the '
                                                                            'statute, so the '
                                                                            'desk takes the '
                                                                            'strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'IC 5-14-3-4(b)(16)'},
                 'law_enforcement.emergency_identity': {'citation': 'IC 5-14-3-4(b)(16)'},
                 'law_enforcement.emergency_identity_only': {'citation': 'IC 5-14-3-4(b)(16)'},
                 'law_enforcement.emergency_with_notice': {'citation': 'IC 5-14-3-4(b)(16)'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'IC 5-14-3-4(b)(16)',
                                                              'explanation': 'Whether Indiana '
                                                                             'law has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'IC 5-14-3-4(b)(16)',
                                  'quote': '',
                                  'url': 'https://iga.in.gov/laws/2024/ic/titles/5',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'IC 5-14-3-4(b)(16)',
                                'quote': '',
                                'url': 'https://iga.in.gov/laws/2024/ic/titles/5',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'IC 5-14-3-4(b)(16)',
                                  'quote': '',
                                  'url': 'https://iga.in.gov/laws/2024/ic/titles/5',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'IC 5-14-3-4(b)(16)',
                            'quote': '',
                            'url': 'https://iga.in.gov/laws/2024/ic/titles/5',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'US-KS',
  'name': 'Kansas',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'K.S.A. 45-221(a)(23)',
  'summary': 'Library records are confidential (K.S.A. 45-221(a)(23)). Not verified against '
             'the statute: parent access, legal instruments, emergencies; those points take '
             'the strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'K.S.A. 45-221(a)(23)'},
                 'guardian.not_permitted': {'citation': 'K.S.A. 45-221(a)(23)',
                                            'explanation': 'This point of Kansas law has not '
                                                           'been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'K.S.A. 45-221(a)(23)'},
                 'guardian.age_unknown': {'citation': 'K.S.A. 45-221(a)(23)'},
                 'guardian.scope': {'citation': 'K.S.A. 45-221(a)(23)'},
                 'guardian.proof_missing': {'citation': 'K.S.A. 45-221(a)(23)'},
                 'law_enforcement.legal_instrument': {'citation': 'K.S.A. 45-221(a)(23)'},
                 'law_enforcement.no_instrument': {'citation': 'K.S.A. 45-221(a)(23)',
                                                   'explanation': 'Which legal documents '
                                                                  'Kansas law accepts has not '
                                                                  'been verified against the '
                                                                  'statute, so the desk takes '
                                                                  'the strictest reading '
                                                                  'until counsel confirms it: '
                                                                  'only a court order, '
                                                                  'presented to the Library '
                                                                  'Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'K.S.A. '
                                                                         '45-221(a)(23)',
                                                             'explanation': 'Which legal '
                                                                            'documents Kansas '
                                                                            'law accepts has '
                                                                            'not been '
                                                                            'verified against '
                                                                            'the statute, so '
                                                                            'the desk takes '
                                                                            'the strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'K.S.A. 45-221(a)(23)'},
                 'law_enforcement.emergency_identity': {'citation': 'K.S.A. 45-221(a)(23)'},
                 'law_enforcement.emergency_identity_only': {'citation': 'K.S.A. '
                                                                         '45-221(a)(23)'},
                 'law_enforcement.emergency_with_notice': {'citation': 'K.S.A. 45-221(a)(23)'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'K.S.A. '
                                                                          '45-221(a)(23)',
                                                              'explanation': 'Whether Kansas '
                                                                             'law has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'K.S.A. 45-221(a)(23)',
                                  'quote': '',
                                  'url': 'https://www.ksrevisor.org/statutes/chapters/ch45/045_002_0021.html',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'K.S.A. 45-221(a)(23)',
                                'quote': '',
                                'url': 'https://www.ksrevisor.org/statutes/chapters/ch45/045_002_0021.html',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'K.S.A. 45-221(a)(23)',
                                  'quote': '',
                                  'url': 'https://www.ksrevisor.org/statutes/chapters/ch45/045_002_0021.html',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'K.S.A. 45-221(a)(23)',
                            'quote': '',
                            'url': 'https://www.ksrevisor.org/statutes/chapters/ch45/045_002_0021.html',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'US-KY',
  'name': 'Kentucky',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': "KRS 61.878(1)(a) (Att'y Gen. opinions)",
  'summary': "Library records are confidential (KRS 61.878(1)(a) (Att'y Gen. opinions)). Not "
             'verified against the statute: parent access, legal instruments, emergencies; '
             'those points take the strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': "KRS 61.878(1)(a) (Att'y Gen. "
                                                        'opinions)'},
                 'guardian.not_permitted': {'citation': "KRS 61.878(1)(a) (Att'y Gen. "
                                                        'opinions)',
                                            'explanation': 'This point of Kentucky law has '
                                                           'not been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': "KRS 61.878(1)(a) (Att'y Gen. "
                                                         'opinions)'},
                 'guardian.age_unknown': {'citation': "KRS 61.878(1)(a) (Att'y Gen. "
                                                      'opinions)'},
                 'guardian.scope': {'citation': "KRS 61.878(1)(a) (Att'y Gen. opinions)"},
                 'guardian.proof_missing': {'citation': "KRS 61.878(1)(a) (Att'y Gen. "
                                                        'opinions)'},
                 'law_enforcement.legal_instrument': {'citation': "KRS 61.878(1)(a) (Att'y "
                                                                  'Gen. opinions)'},
                 'law_enforcement.no_instrument': {'citation': "KRS 61.878(1)(a) (Att'y Gen. "
                                                               'opinions)',
                                                   'explanation': 'Which legal documents '
                                                                  'Kentucky law accepts has '
                                                                  'not been verified against '
                                                                  'the statute, so the desk '
                                                                  'takes the strictest '
                                                                  'reading until counsel '
                                                                  'confirms it: only a court '
                                                                  'order, presented to the '
                                                                  'Library Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'KRS 61.878(1)(a) '
                                                                         "(Att'y Gen. "
                                                                         'opinions)',
                                                             'explanation': 'Which legal '
                                                                            'documents '
                                                                            'Kentucky law '
                                                                            'accepts has not '
                                                                            'been verified '
                                                                            'against the '
                                                                            'statute, so the '
                                                                            'desk takes the '
                                                                            'strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': "KRS 61.878(1)(a) (Att'y Gen. "
                                                              'opinions)'},
                 'law_enforcement.emergency_identity': {'citation': "KRS 61.878(1)(a) (Att'y "
                                                                    'Gen. opinions)'},
                 'law_enforcement.emergency_identity_only': {'citation': 'KRS 61.878(1)(a) '
                                                                         "(Att'y Gen. "
                                                                         'opinions)'},
                 'law_enforcement.emergency_with_notice': {'citation': 'KRS 61.878(1)(a) '
                                                                       "(Att'y Gen. "
                                                                       'opinions)'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'KRS 61.878(1)(a) '
                                                                          "(Att'y Gen. "
                                                                          'opinions)',
                                                              'explanation': 'Whether '
                                                                             'Kentucky law '
                                                                             'has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': "KRS 61.878(1)(a) (Att'y Gen. opinions)",
                                  'quote': '',
                                  'url': 'https://apps.legislature.ky.gov/law/statutes/statute.aspx?id=48411',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': "KRS 61.878(1)(a) (Att'y Gen. opinions)",
                                'quote': '',
                                'url': 'https://apps.legislature.ky.gov/law/statutes/statute.aspx?id=48411',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': "KRS 61.878(1)(a) (Att'y Gen. opinions)",
                                  'quote': '',
                                  'url': 'https://apps.legislature.ky.gov/law/statutes/statute.aspx?id=48411',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': "KRS 61.878(1)(a) (Att'y Gen. opinions)",
                            'quote': '',
                            'url': 'https://apps.legislature.ky.gov/law/statutes/statute.aspx?id=48411',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'US-LA',
  'name': 'Louisiana',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'La. R.S. 44:13',
  'summary': 'Library records are confidential (La. R.S. 44:13). Not verified against the '
             'statute: parent access, legal instruments, emergencies; those points take the '
             'strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'La. R.S. 44:13'},
                 'guardian.not_permitted': {'citation': 'La. R.S. 44:13',
                                            'explanation': 'This point of Louisiana law has '
                                                           'not been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'La. R.S. 44:13'},
                 'guardian.age_unknown': {'citation': 'La. R.S. 44:13'},
                 'guardian.scope': {'citation': 'La. R.S. 44:13'},
                 'guardian.proof_missing': {'citation': 'La. R.S. 44:13'},
                 'law_enforcement.legal_instrument': {'citation': 'La. R.S. 44:13'},
                 'law_enforcement.no_instrument': {'citation': 'La. R.S. 44:13',
                                                   'explanation': 'Which legal documents '
                                                                  'Louisiana law accepts has '
                                                                  'not been verified against '
                                                                  'the statute, so the desk '
                                                                  'takes the strictest '
                                                                  'reading until counsel '
                                                                  'confirms it: only a court '
                                                                  'order, presented to the '
                                                                  'Library Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'La. R.S. 44:13',
                                                             'explanation': 'Which legal '
                                                                            'documents '
                                                                            'Louisiana law '
                                                                            'accepts has not '
                                                                            'been verified '
                                                                            'against the '
                                                                            'statute, so the '
                                                                            'desk takes the '
                                                                            'strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'La. R.S. 44:13'},
                 'law_enforcement.emergency_identity': {'citation': 'La. R.S. 44:13'},
                 'law_enforcement.emergency_identity_only': {'citation': 'La. R.S. 44:13'},
                 'law_enforcement.emergency_with_notice': {'citation': 'La. R.S. 44:13'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'La. R.S. 44:13',
                                                              'explanation': 'Whether '
                                                                             'Louisiana law '
                                                                             'has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'La. R.S. 44:13',
                                  'quote': '',
                                  'url': 'https://legis.la.gov/Legis/Law.aspx?d=99795',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'La. R.S. 44:13',
                                'quote': '',
                                'url': 'https://legis.la.gov/Legis/Law.aspx?d=99795',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'La. R.S. 44:13',
                                  'quote': '',
                                  'url': 'https://legis.la.gov/Legis/Law.aspx?d=99795',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'La. R.S. 44:13',
                            'quote': '',
                            'url': 'https://legis.la.gov/Legis/Law.aspx?d=99795',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'US-MA',
  'name': 'Massachusetts',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['subpoena', 'court_order', 'search_warrant'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'Mass. G.L. c.78 §7',
  'summary': 'The library cannot reveal borrowing or reserve records to anyone other than the '
             'owner of the library card. This applies to the parents of minors when the minor '
             'has their own card. Legal requests go to the Director, who consults counsel.',
  'sources': {'confidentiality': {'citation': 'Mass. G.L. c.78 §7',
                                  'quote': 'that part of the records of a public library '
                                           'which reveals the identity and intellectual '
                                           'pursuits of a person using such library shall not '
                                           'be a public record',
                                  'url': 'https://malegislature.gov/Laws/GeneralLaws/PartI/TitleXII/Chapter78/Section7',
                                  'checked_on': '2026-12-06',
                                  'status': 'secondary'},
              'parent_access': {'citation': 'Mass. G.L. c.78 §7; Millbury Public Library '
                                            'Customer Service Policy',
                                'quote': 'shall not be a public record (no parent exception)',
                                'url': 'https://malegislature.gov/Laws/GeneralLaws/PartI/TitleXII/Chapter78/Section7',
                                'checked_on': '2026-12-06',
                                'status': 'secondary'},
              'law_enforcement': {'citation': 'Mass. G.L. c.78 §7',
                                  'quote': 'pursuant to subpoena or search warrant (library '
                                           'policies applying the section)',
                                  'url': 'https://malegislature.gov/Laws/GeneralLaws/PartI/TitleXII/Chapter78/Section7',
                                  'checked_on': '2026-12-06',
                                  'status': 'secondary'},
              'emergency': {'citation': 'Mass. G.L. c.78 §7',
                            'quote': 'shall not be a public record (no emergency exception)',
                            'url': 'https://malegislature.gov/Laws/GeneralLaws/PartI/TitleXII/Chapter78/Section7',
                            'checked_on': '2026-12-06',
                            'status': 'secondary'}},
  'rule_texts': {'guardian.not_permitted': {'citation': 'Mass. G.L. c.78 §7; Millbury Public '
                                                        'Library Customer Service Policy',
                                            'explanation': 'Massachusetts law lets the '
                                                           'library reveal borrowing and '
                                                           'reserve records only to the owner '
                                                           'of the library card. That '
                                                           'includes parents: when a child '
                                                           'has their own card, the record is '
                                                           "the child's."},
                 'law_enforcement.legal_instrument': {'explanation': 'Only the Library '
                                                                     'Director can act on a '
                                                                     'legal request, after '
                                                                     'consulting counsel; I '
                                                                     "can't share anything at "
                                                                     'the desk.'}}},
 {'jurisdiction_code': 'US-MD',
  'name': 'Maryland',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'Md. Code, Gen. Prov. § 4-308',
  'summary': 'Library records are confidential (Md. Code, Gen. Prov. § 4-308). Not verified '
             'against the statute: parent access, legal instruments, emergencies; those '
             'points take the strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'Md. Code, Gen. Prov. § 4-308'},
                 'guardian.not_permitted': {'citation': 'Md. Code, Gen. Prov. § 4-308',
                                            'explanation': 'This point of Maryland law has '
                                                           'not been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'Md. Code, Gen. Prov. § 4-308'},
                 'guardian.age_unknown': {'citation': 'Md. Code, Gen. Prov. § 4-308'},
                 'guardian.scope': {'citation': 'Md. Code, Gen. Prov. § 4-308'},
                 'guardian.proof_missing': {'citation': 'Md. Code, Gen. Prov. § 4-308'},
                 'law_enforcement.legal_instrument': {'citation': 'Md. Code, Gen. Prov. § '
                                                                  '4-308'},
                 'law_enforcement.no_instrument': {'citation': 'Md. Code, Gen. Prov. § 4-308',
                                                   'explanation': 'Which legal documents '
                                                                  'Maryland law accepts has '
                                                                  'not been verified against '
                                                                  'the statute, so the desk '
                                                                  'takes the strictest '
                                                                  'reading until counsel '
                                                                  'confirms it: only a court '
                                                                  'order, presented to the '
                                                                  'Library Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'Md. Code, Gen. '
                                                                         'Prov. § 4-308',
                                                             'explanation': 'Which legal '
                                                                            'documents '
                                                                            'Maryland law '
                                                                            'accepts has not '
                                                                            'been verified '
                                                                            'against the '
                                                                            'statute, so the '
                                                                            'desk takes the '
                                                                            'strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'Md. Code, Gen. Prov. § 4-308'},
                 'law_enforcement.emergency_identity': {'citation': 'Md. Code, Gen. Prov. § '
                                                                    '4-308'},
                 'law_enforcement.emergency_identity_only': {'citation': 'Md. Code, Gen. '
                                                                         'Prov. § 4-308'},
                 'law_enforcement.emergency_with_notice': {'citation': 'Md. Code, Gen. Prov. '
                                                                       '§ 4-308'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'Md. Code, Gen. '
                                                                          'Prov. § 4-308',
                                                              'explanation': 'Whether '
                                                                             'Maryland law '
                                                                             'has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'Md. Code, Gen. Prov. § 4-308',
                                  'quote': '',
                                  'url': 'https://mgaleg.maryland.gov/mgawebsite/Laws/StatuteText?article=ggp&section=4-308',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'Md. Code, Gen. Prov. § 4-308',
                                'quote': '',
                                'url': 'https://mgaleg.maryland.gov/mgawebsite/Laws/StatuteText?article=ggp&section=4-308',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'Md. Code, Gen. Prov. § 4-308',
                                  'quote': '',
                                  'url': 'https://mgaleg.maryland.gov/mgawebsite/Laws/StatuteText?article=ggp&section=4-308',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'Md. Code, Gen. Prov. § 4-308',
                            'quote': '',
                            'url': 'https://mgaleg.maryland.gov/mgawebsite/Laws/StatuteText?article=ggp&section=4-308',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'US-ME',
  'name': 'Maine',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': '27 M.R.S. § 121',
  'summary': 'Library records are confidential (27 M.R.S. § 121). Not verified against the '
             'statute: parent access, legal instruments, emergencies; those points take the '
             'strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': '27 M.R.S. § 121'},
                 'guardian.not_permitted': {'citation': '27 M.R.S. § 121',
                                            'explanation': 'This point of Maine law has not '
                                                           'been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': '27 M.R.S. § 121'},
                 'guardian.age_unknown': {'citation': '27 M.R.S. § 121'},
                 'guardian.scope': {'citation': '27 M.R.S. § 121'},
                 'guardian.proof_missing': {'citation': '27 M.R.S. § 121'},
                 'law_enforcement.legal_instrument': {'citation': '27 M.R.S. § 121'},
                 'law_enforcement.no_instrument': {'citation': '27 M.R.S. § 121',
                                                   'explanation': 'Which legal documents '
                                                                  'Maine law accepts has not '
                                                                  'been verified against the '
                                                                  'statute, so the desk takes '
                                                                  'the strictest reading '
                                                                  'until counsel confirms it: '
                                                                  'only a court order, '
                                                                  'presented to the Library '
                                                                  'Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': '27 M.R.S. § 121',
                                                             'explanation': 'Which legal '
                                                                            'documents Maine '
                                                                            'law accepts has '
                                                                            'not been '
                                                                            'verified against '
                                                                            'the statute, so '
                                                                            'the desk takes '
                                                                            'the strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': '27 M.R.S. § 121'},
                 'law_enforcement.emergency_identity': {'citation': '27 M.R.S. § 121'},
                 'law_enforcement.emergency_identity_only': {'citation': '27 M.R.S. § 121'},
                 'law_enforcement.emergency_with_notice': {'citation': '27 M.R.S. § 121'},
                 'law_enforcement.emergency_not_recognised': {'citation': '27 M.R.S. § 121',
                                                              'explanation': 'Whether Maine '
                                                                             'law has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': '27 M.R.S. § 121',
                                  'quote': '',
                                  'url': 'https://legislature.maine.gov/statutes/27/title27sec121.html',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': '27 M.R.S. § 121',
                                'quote': '',
                                'url': 'https://legislature.maine.gov/statutes/27/title27sec121.html',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': '27 M.R.S. § 121',
                                  'quote': '',
                                  'url': 'https://legislature.maine.gov/statutes/27/title27sec121.html',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': '27 M.R.S. § 121',
                            'quote': '',
                            'url': 'https://legislature.maine.gov/statutes/27/title27sec121.html',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'US-MI',
  'name': 'Michigan',
  'age_of_majority': 18,
  'parent_access': 'may',
  'parent_access_max_age': 18,
  'parent_access_proof': ['photo_id'],
  'parent_access_scope': ['registration',
                          'current_loans',
                          'loan_history',
                          'holds',
                          'fees',
                          'program_attendance',
                          'computer_use',
                          'reference'],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'MCL 397.603',
  'summary': 'Library records are confidential (MCL 397.603).',
  'rule_texts': {'guardian.parent_access': {'citation': 'MCL 397.603(2)',
                                            'explanation': 'Michigan law lets the person '
                                                           "liable for a card's materials "
                                                           'consent to disclosure; a parent '
                                                           "who signed the child's card "
                                                           'application as liable may learn '
                                                           "the child's records, with a photo "
                                                           'ID. Check the application.'},
                 'guardian.not_permitted': {'citation': 'MCL 397.603(2)'},
                 'guardian.over_age_limit': {'citation': 'MCL 397.603(2)'},
                 'guardian.age_unknown': {'citation': 'MCL 397.603(2)'},
                 'guardian.scope': {'citation': 'MCL 397.603(2)'},
                 'guardian.proof_missing': {'citation': 'MCL 397.603(2)'},
                 'law_enforcement.legal_instrument': {'citation': 'MCL 397.603(2)(a)'},
                 'law_enforcement.no_instrument': {'citation': 'MCL 397.603(2)(a)'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'MCL 397.603(2)(a)'},
                 'third_party.legal_instrument': {'citation': 'MCL 397.603(2)(a)'},
                 'law_enforcement.emergency_identity': {'citation': 'MCL 397.603(2)'},
                 'law_enforcement.emergency_identity_only': {'citation': 'MCL 397.603(2)'},
                 'law_enforcement.emergency_with_notice': {'citation': 'MCL 397.603(2)'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'MCL 397.603(2)'}},
  'sources': {'confidentiality': {'citation': 'MCL 397.603(2)',
                                  'quote': 'shall not release or disclose a library record '
                                           '... without the written consent of the person '
                                           'liable for payment for or return of the materials',
                                  'url': 'https://www.legislature.mi.gov/Laws/MCL?objectName=mcl-397-603',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'parent_access': {'citation': 'MCL 397.603(2)',
                                'quote': 'the written consent of the person liable for '
                                         'payment for or return of the materials (Library of '
                                         'Michigan: for minors the person liable may not be '
                                         'the person identified in the record)',
                                'url': 'https://www.legislature.mi.gov/Laws/MCL?objectName=mcl-397-603',
                                'checked_on': '2026-12-06',
                                'status': 'secondary'},
              'law_enforcement': {'citation': 'MCL 397.603(2)(a)',
                                  'quote': 'A court has ordered the release or disclosure '
                                           'after giving the affected library notice of the '
                                           'request and an opportunity to be heard',
                                  'url': 'https://www.legislature.mi.gov/Laws/MCL?objectName=mcl-397-603',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'emergency': {'citation': 'MCL 397.603(2)',
                            'quote': 'shall not release or disclose a library record ... '
                                     'without the written consent of the person liable for '
                                     'payment for or return of the materials',
                            'url': 'https://www.legislature.mi.gov/Laws/MCL?objectName=mcl-397-603',
                            'checked_on': '2026-12-06',
                            'status': 'statute'}}},
 {'jurisdiction_code': 'US-MN',
  'name': 'Minnesota',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'Minn. Stat. § 13.40',
  'summary': 'Library records are confidential (Minn. Stat. § 13.40). Not verified against '
             'the statute: parent access; those points take the strictest reading until '
             'counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'Minn. Stat. § 13.40, subd. 2; § '
                                                        '13.02'},
                 'guardian.not_permitted': {'citation': 'Minn. Stat. § 13.40, subd. 2; § '
                                                        '13.02',
                                            'explanation': 'This point of Minnesota law has '
                                                           'not been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'Minn. Stat. § 13.40, subd. 2; § '
                                                         '13.02'},
                 'guardian.age_unknown': {'citation': 'Minn. Stat. § 13.40, subd. 2; § 13.02'},
                 'guardian.scope': {'citation': 'Minn. Stat. § 13.40, subd. 2; § 13.02'},
                 'guardian.proof_missing': {'citation': 'Minn. Stat. § 13.40, subd. 2; § '
                                                        '13.02'},
                 'law_enforcement.legal_instrument': {'citation': 'Minn. Stat. § 13.40, subd. '
                                                                  '2'},
                 'law_enforcement.no_instrument': {'citation': 'Minn. Stat. § 13.40, subd. 2'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'Minn. Stat. § '
                                                                         '13.40, subd. 2'},
                 'third_party.legal_instrument': {'citation': 'Minn. Stat. § 13.40, subd. 2'},
                 'law_enforcement.emergency_identity': {'citation': 'Minn. Stat. § 13.40, '
                                                                    'subd. 2'},
                 'law_enforcement.emergency_identity_only': {'citation': 'Minn. Stat. § '
                                                                         '13.40, subd. 2'},
                 'law_enforcement.emergency_with_notice': {'citation': 'Minn. Stat. § 13.40, '
                                                                       'subd. 2'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'Minn. Stat. § '
                                                                          '13.40, subd. 2'}},
  'sources': {'confidentiality': {'citation': 'Minn. Stat. § 13.40, subd. 2',
                                  'quote': 'are private data on individuals and may not be '
                                           'disclosed for other than library purposes except '
                                           'pursuant to a court order',
                                  'url': 'https://www.revisor.mn.gov/statutes/cite/13.40',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'parent_access': {'citation': 'Minn. Stat. § 13.40, subd. 2; § 13.02',
                                'quote': '',
                                'url': 'https://www.revisor.mn.gov/statutes/cite/13.40',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'Minn. Stat. § 13.40, subd. 2',
                                  'quote': 'are private data on individuals and may not be '
                                           'disclosed for other than library purposes except '
                                           'pursuant to a court order',
                                  'url': 'https://www.revisor.mn.gov/statutes/cite/13.40',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'emergency': {'citation': 'Minn. Stat. § 13.40, subd. 2',
                            'quote': 'are private data on individuals and may not be '
                                     'disclosed for other than library purposes except '
                                     'pursuant to a court order',
                            'url': 'https://www.revisor.mn.gov/statutes/cite/13.40',
                            'checked_on': '2026-12-06',
                            'status': 'statute'}}},
 {'jurisdiction_code': 'US-MO',
  'name': 'Missouri',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'RSMo § 182.817',
  'summary': 'Library records are confidential (RSMo § 182.817).',
  'rule_texts': {'guardian.parent_access': {'citation': 'RSMo § 182.817.1'},
                 'guardian.not_permitted': {'citation': 'RSMo § 182.817.1'},
                 'guardian.over_age_limit': {'citation': 'RSMo § 182.817.1'},
                 'guardian.age_unknown': {'citation': 'RSMo § 182.817.1'},
                 'guardian.scope': {'citation': 'RSMo § 182.817.1'},
                 'guardian.proof_missing': {'citation': 'RSMo § 182.817.1'},
                 'law_enforcement.legal_instrument': {'citation': 'RSMo § 182.817.1(2)'},
                 'law_enforcement.no_instrument': {'citation': 'RSMo § 182.817.1(2)'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'RSMo § '
                                                                         '182.817.1(2)'},
                 'third_party.legal_instrument': {'citation': 'RSMo § 182.817.1(2)'},
                 'law_enforcement.emergency_identity': {'citation': 'RSMo § 182.817.1'},
                 'law_enforcement.emergency_identity_only': {'citation': 'RSMo § 182.817.1'},
                 'law_enforcement.emergency_with_notice': {'citation': 'RSMo § 182.817.1'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'RSMo § 182.817.1'}},
  'sources': {'confidentiality': {'citation': 'RSMo § 182.817.1',
                                  'quote': 'shall release or disclose a library record ... '
                                           'except: (1) In response to a written request of '
                                           'the person identified in that record',
                                  'url': 'https://revisor.mo.gov/main/OneSection.aspx?section=182.817',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'parent_access': {'citation': 'RSMo § 182.817.1',
                                'quote': 'shall release or disclose a library record ... '
                                         'except: (1) In response to a written request of the '
                                         'person identified in that record',
                                'url': 'https://revisor.mo.gov/main/OneSection.aspx?section=182.817',
                                'checked_on': '2026-12-06',
                                'status': 'statute'},
              'law_enforcement': {'citation': 'RSMo § 182.817.1(2)',
                                  'quote': 'In response to an order issued by a court of '
                                           'competent jurisdiction upon a finding that the '
                                           'disclosure of such record is necessary to protect '
                                           'the public safety or to prosecute a crime',
                                  'url': 'https://revisor.mo.gov/main/OneSection.aspx?section=182.817',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'emergency': {'citation': 'RSMo § 182.817.1',
                            'quote': 'shall release or disclose a library record ... except: '
                                     '(1) In response to a written request of the person '
                                     'identified in that record',
                            'url': 'https://revisor.mo.gov/main/OneSection.aspx?section=182.817',
                            'checked_on': '2026-12-06',
                            'status': 'statute'}}},
 {'jurisdiction_code': 'US-MS',
  'name': 'Mississippi',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'Miss. Code § 39-3-365',
  'summary': 'Library records are confidential (Miss. Code § 39-3-365). Not verified against '
             'the statute: parent access, legal instruments, emergencies; those points take '
             'the strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'Miss. Code § 39-3-365'},
                 'guardian.not_permitted': {'citation': 'Miss. Code § 39-3-365',
                                            'explanation': 'This point of Mississippi law has '
                                                           'not been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'Miss. Code § 39-3-365'},
                 'guardian.age_unknown': {'citation': 'Miss. Code § 39-3-365'},
                 'guardian.scope': {'citation': 'Miss. Code § 39-3-365'},
                 'guardian.proof_missing': {'citation': 'Miss. Code § 39-3-365'},
                 'law_enforcement.legal_instrument': {'citation': 'Miss. Code § 39-3-365'},
                 'law_enforcement.no_instrument': {'citation': 'Miss. Code § 39-3-365',
                                                   'explanation': 'Which legal documents '
                                                                  'Mississippi law accepts '
                                                                  'has not been verified '
                                                                  'against the statute, so '
                                                                  'the desk takes the '
                                                                  'strictest reading until '
                                                                  'counsel confirms it: only '
                                                                  'a court order, presented '
                                                                  'to the Library Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'Miss. Code § '
                                                                         '39-3-365',
                                                             'explanation': 'Which legal '
                                                                            'documents '
                                                                            'Mississippi law '
                                                                            'accepts has not '
                                                                            'been verified '
                                                                            'against the '
                                                                            'statute, so the '
                                                                            'desk takes the '
                                                                            'strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'Miss. Code § 39-3-365'},
                 'law_enforcement.emergency_identity': {'citation': 'Miss. Code § 39-3-365'},
                 'law_enforcement.emergency_identity_only': {'citation': 'Miss. Code § '
                                                                         '39-3-365'},
                 'law_enforcement.emergency_with_notice': {'citation': 'Miss. Code § '
                                                                       '39-3-365'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'Miss. Code § '
                                                                          '39-3-365',
                                                              'explanation': 'Whether '
                                                                             'Mississippi law '
                                                                             'has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'Miss. Code § 39-3-365',
                                  'quote': '',
                                  'url': 'https://law.justia.com/codes/mississippi/title-39/chapter-3/',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'Miss. Code § 39-3-365',
                                'quote': '',
                                'url': 'https://law.justia.com/codes/mississippi/title-39/chapter-3/',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'Miss. Code § 39-3-365',
                                  'quote': '',
                                  'url': 'https://law.justia.com/codes/mississippi/title-39/chapter-3/',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'Miss. Code § 39-3-365',
                            'quote': '',
                            'url': 'https://law.justia.com/codes/mississippi/title-39/chapter-3/',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'US-MT',
  'name': 'Montana',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'MCA 22-1-1103',
  'summary': 'Library records are confidential (MCA 22-1-1103). Not verified against the '
             'statute: parent access, legal instruments, emergencies; those points take the '
             'strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'MCA 22-1-1103'},
                 'guardian.not_permitted': {'citation': 'MCA 22-1-1103',
                                            'explanation': 'This point of Montana law has not '
                                                           'been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'MCA 22-1-1103'},
                 'guardian.age_unknown': {'citation': 'MCA 22-1-1103'},
                 'guardian.scope': {'citation': 'MCA 22-1-1103'},
                 'guardian.proof_missing': {'citation': 'MCA 22-1-1103'},
                 'law_enforcement.legal_instrument': {'citation': 'MCA 22-1-1103'},
                 'law_enforcement.no_instrument': {'citation': 'MCA 22-1-1103',
                                                   'explanation': 'Which legal documents '
                                                                  'Montana law accepts has '
                                                                  'not been verified against '
                                                                  'the statute, so the desk '
                                                                  'takes the strictest '
                                                                  'reading until counsel '
                                                                  'confirms it: only a court '
                                                                  'order, presented to the '
                                                                  'Library Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'MCA 22-1-1103',
                                                             'explanation': 'Which legal '
                                                                            'documents '
                                                                            'Montana law '
                                                                            'accepts has not '
                                                                            'been verified '
                                                                            'against the '
                                                                            'statute, so the '
                                                                            'desk takes the '
                                                                            'strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'MCA 22-1-1103'},
                 'law_enforcement.emergency_identity': {'citation': 'MCA 22-1-1103'},
                 'law_enforcement.emergency_identity_only': {'citation': 'MCA 22-1-1103'},
                 'law_enforcement.emergency_with_notice': {'citation': 'MCA 22-1-1103'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'MCA 22-1-1103',
                                                              'explanation': 'Whether Montana '
                                                                             'law has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'MCA 22-1-1103',
                                  'quote': '',
                                  'url': 'https://archive.legmt.gov/bills/mca/title_0220/chapter_0010/part_0110/section_0030/0220-0010-0110-0030.html',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'MCA 22-1-1103',
                                'quote': '',
                                'url': 'https://archive.legmt.gov/bills/mca/title_0220/chapter_0010/part_0110/section_0030/0220-0010-0110-0030.html',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'MCA 22-1-1103',
                                  'quote': '',
                                  'url': 'https://archive.legmt.gov/bills/mca/title_0220/chapter_0010/part_0110/section_0030/0220-0010-0110-0030.html',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'MCA 22-1-1103',
                            'quote': '',
                            'url': 'https://archive.legmt.gov/bills/mca/title_0220/chapter_0010/part_0110/section_0030/0220-0010-0110-0030.html',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'US-NC',
  'name': 'North Carolina',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['subpoena', 'court_order', 'search_warrant'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'N.C.G.S. § 125-19',
  'summary': 'Library records are confidential (N.C.G.S. § 125-19).',
  'rule_texts': {'guardian.parent_access': {'citation': 'N.C.G.S. § 125-19'},
                 'guardian.not_permitted': {'citation': 'N.C.G.S. § 125-19'},
                 'guardian.over_age_limit': {'citation': 'N.C.G.S. § 125-19'},
                 'guardian.age_unknown': {'citation': 'N.C.G.S. § 125-19'},
                 'guardian.scope': {'citation': 'N.C.G.S. § 125-19'},
                 'guardian.proof_missing': {'citation': 'N.C.G.S. § 125-19'},
                 'law_enforcement.legal_instrument': {'citation': 'N.C.G.S. § 125-19(b)(3)'},
                 'law_enforcement.no_instrument': {'citation': 'N.C.G.S. § 125-19(b)(3)'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'N.C.G.S. § '
                                                                         '125-19(b)(3)'},
                 'third_party.legal_instrument': {'citation': 'N.C.G.S. § 125-19(b)(3)'},
                 'law_enforcement.emergency_identity': {'citation': 'N.C.G.S. § 125-19'},
                 'law_enforcement.emergency_identity_only': {'citation': 'N.C.G.S. § 125-19'},
                 'law_enforcement.emergency_with_notice': {'citation': 'N.C.G.S. § 125-19'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'N.C.G.S. § '
                                                                          '125-19'}},
  'sources': {'confidentiality': {'citation': 'N.C.G.S. § 125-19',
                                  'quote': 'A library shall not disclose any library record '
                                           'that identifies a person as having requested or '
                                           'obtained specific materials, information, or '
                                           'services',
                                  'url': 'https://www.ncleg.gov/EnactedLegislation/Statutes/HTML/BySection/Chapter_125/GS_125-19.html',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'parent_access': {'citation': 'N.C.G.S. § 125-19',
                                'quote': 'A library shall not disclose any library record '
                                         'that identifies a person as having requested or '
                                         'obtained specific materials, information, or '
                                         'services',
                                'url': 'https://www.ncleg.gov/EnactedLegislation/Statutes/HTML/BySection/Chapter_125/GS_125-19.html',
                                'checked_on': '2026-12-06',
                                'status': 'statute'},
              'law_enforcement': {'citation': 'N.C.G.S. § 125-19(b)(3)',
                                  'quote': 'Pursuant to subpoena, court order, or where '
                                           'otherwise required by law',
                                  'url': 'https://www.ncleg.gov/EnactedLegislation/Statutes/HTML/BySection/Chapter_125/GS_125-19.html',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'emergency': {'citation': 'N.C.G.S. § 125-19',
                            'quote': 'A library shall not disclose any library record that '
                                     'identifies a person as having requested or obtained '
                                     'specific materials, information, or services',
                            'url': 'https://www.ncleg.gov/EnactedLegislation/Statutes/HTML/BySection/Chapter_125/GS_125-19.html',
                            'checked_on': '2026-12-06',
                            'status': 'statute'}}},
 {'jurisdiction_code': 'US-ND',
  'name': 'North Dakota',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'N.D.C.C. § 40-38-12',
  'summary': 'Library records are confidential (N.D.C.C. § 40-38-12). Not verified against '
             'the statute: parent access, legal instruments, emergencies; those points take '
             'the strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'N.D.C.C. § 40-38-12'},
                 'guardian.not_permitted': {'citation': 'N.D.C.C. § 40-38-12',
                                            'explanation': 'This point of North Dakota law '
                                                           'has not been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'N.D.C.C. § 40-38-12'},
                 'guardian.age_unknown': {'citation': 'N.D.C.C. § 40-38-12'},
                 'guardian.scope': {'citation': 'N.D.C.C. § 40-38-12'},
                 'guardian.proof_missing': {'citation': 'N.D.C.C. § 40-38-12'},
                 'law_enforcement.legal_instrument': {'citation': 'N.D.C.C. § 40-38-12'},
                 'law_enforcement.no_instrument': {'citation': 'N.D.C.C. § 40-38-12',
                                                   'explanation': 'Which legal documents '
                                                                  'North Dakota law accepts '
                                                                  'has not been verified '
                                                                  'against the statute, so '
                                                                  'the desk takes the '
                                                                  'strictest reading until '
                                                                  'counsel confirms it: only '
                                                                  'a court order, presented '
                                                                  'to the Library Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'N.D.C.C. § 40-38-12',
                                                             'explanation': 'Which legal '
                                                                            'documents North '
                                                                            'Dakota law '
                                                                            'accepts has not '
                                                                            'been verified '
                                                                            'against the '
                                                                            'statute, so the '
                                                                            'desk takes the '
                                                                            'strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'N.D.C.C. § 40-38-12'},
                 'law_enforcement.emergency_identity': {'citation': 'N.D.C.C. § 40-38-12'},
                 'law_enforcement.emergency_identity_only': {'citation': 'N.D.C.C. § '
                                                                         '40-38-12'},
                 'law_enforcement.emergency_with_notice': {'citation': 'N.D.C.C. § 40-38-12'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'N.D.C.C. § '
                                                                          '40-38-12',
                                                              'explanation': 'Whether North '
                                                                             'Dakota law has '
                                                                             'an emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'N.D.C.C. § 40-38-12',
                                  'quote': '',
                                  'url': 'https://www.ndlegis.gov/cencode/t40c38.pdf',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'N.D.C.C. § 40-38-12',
                                'quote': '',
                                'url': 'https://www.ndlegis.gov/cencode/t40c38.pdf',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'N.D.C.C. § 40-38-12',
                                  'quote': '',
                                  'url': 'https://www.ndlegis.gov/cencode/t40c38.pdf',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'N.D.C.C. § 40-38-12',
                            'quote': '',
                            'url': 'https://www.ndlegis.gov/cencode/t40c38.pdf',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'US-NE',
  'name': 'Nebraska',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'Neb. Rev. Stat. § 84-712.05(10)',
  'summary': 'Library records are confidential (Neb. Rev. Stat. § 84-712.05(10)). Not '
             'verified against the statute: parent access, legal instruments, emergencies; '
             'those points take the strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'Neb. Rev. Stat. § 84-712.05(10)'},
                 'guardian.not_permitted': {'citation': 'Neb. Rev. Stat. § 84-712.05(10)',
                                            'explanation': 'This point of Nebraska law has '
                                                           'not been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'Neb. Rev. Stat. § 84-712.05(10)'},
                 'guardian.age_unknown': {'citation': 'Neb. Rev. Stat. § 84-712.05(10)'},
                 'guardian.scope': {'citation': 'Neb. Rev. Stat. § 84-712.05(10)'},
                 'guardian.proof_missing': {'citation': 'Neb. Rev. Stat. § 84-712.05(10)'},
                 'law_enforcement.legal_instrument': {'citation': 'Neb. Rev. Stat. § '
                                                                  '84-712.05(10)'},
                 'law_enforcement.no_instrument': {'citation': 'Neb. Rev. Stat. § '
                                                               '84-712.05(10)',
                                                   'explanation': 'Which legal documents '
                                                                  'Nebraska law accepts has '
                                                                  'not been verified against '
                                                                  'the statute, so the desk '
                                                                  'takes the strictest '
                                                                  'reading until counsel '
                                                                  'confirms it: only a court '
                                                                  'order, presented to the '
                                                                  'Library Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'Neb. Rev. Stat. § '
                                                                         '84-712.05(10)',
                                                             'explanation': 'Which legal '
                                                                            'documents '
                                                                            'Nebraska law '
                                                                            'accepts has not '
                                                                            'been verified '
                                                                            'against the '
                                                                            'statute, so the '
                                                                            'desk takes the '
                                                                            'strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'Neb. Rev. Stat. § '
                                                              '84-712.05(10)'},
                 'law_enforcement.emergency_identity': {'citation': 'Neb. Rev. Stat. § '
                                                                    '84-712.05(10)'},
                 'law_enforcement.emergency_identity_only': {'citation': 'Neb. Rev. Stat. § '
                                                                         '84-712.05(10)'},
                 'law_enforcement.emergency_with_notice': {'citation': 'Neb. Rev. Stat. § '
                                                                       '84-712.05(10)'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'Neb. Rev. Stat. § '
                                                                          '84-712.05(10)',
                                                              'explanation': 'Whether '
                                                                             'Nebraska law '
                                                                             'has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'Neb. Rev. Stat. § 84-712.05(10)',
                                  'quote': '',
                                  'url': 'https://nebraskalegislature.gov/laws/statutes.php?statute=84-712.05',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'Neb. Rev. Stat. § 84-712.05(10)',
                                'quote': '',
                                'url': 'https://nebraskalegislature.gov/laws/statutes.php?statute=84-712.05',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'Neb. Rev. Stat. § 84-712.05(10)',
                                  'quote': '',
                                  'url': 'https://nebraskalegislature.gov/laws/statutes.php?statute=84-712.05',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'Neb. Rev. Stat. § 84-712.05(10)',
                            'quote': '',
                            'url': 'https://nebraskalegislature.gov/laws/statutes.php?statute=84-712.05',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'US-NH',
  'name': 'New Hampshire',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'RSA 201-D:11',
  'summary': 'Library records are confidential (RSA 201-D:11). Not verified against the '
             'statute: parent access, legal instruments, emergencies; those points take the '
             'strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'RSA 201-D:11'},
                 'guardian.not_permitted': {'citation': 'RSA 201-D:11',
                                            'explanation': 'This point of New Hampshire law '
                                                           'has not been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'RSA 201-D:11'},
                 'guardian.age_unknown': {'citation': 'RSA 201-D:11'},
                 'guardian.scope': {'citation': 'RSA 201-D:11'},
                 'guardian.proof_missing': {'citation': 'RSA 201-D:11'},
                 'law_enforcement.legal_instrument': {'citation': 'RSA 201-D:11'},
                 'law_enforcement.no_instrument': {'citation': 'RSA 201-D:11',
                                                   'explanation': 'Which legal documents New '
                                                                  'Hampshire law accepts has '
                                                                  'not been verified against '
                                                                  'the statute, so the desk '
                                                                  'takes the strictest '
                                                                  'reading until counsel '
                                                                  'confirms it: only a court '
                                                                  'order, presented to the '
                                                                  'Library Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'RSA 201-D:11',
                                                             'explanation': 'Which legal '
                                                                            'documents New '
                                                                            'Hampshire law '
                                                                            'accepts has not '
                                                                            'been verified '
                                                                            'against the '
                                                                            'statute, so the '
                                                                            'desk takes the '
                                                                            'strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'RSA 201-D:11'},
                 'law_enforcement.emergency_identity': {'citation': 'RSA 201-D:11'},
                 'law_enforcement.emergency_identity_only': {'citation': 'RSA 201-D:11'},
                 'law_enforcement.emergency_with_notice': {'citation': 'RSA 201-D:11'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'RSA 201-D:11',
                                                              'explanation': 'Whether New '
                                                                             'Hampshire law '
                                                                             'has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'RSA 201-D:11',
                                  'quote': '',
                                  'url': 'https://www.gencourt.state.nh.us/rsa/html/XV/201-D/201-D-11.htm',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'RSA 201-D:11',
                                'quote': '',
                                'url': 'https://www.gencourt.state.nh.us/rsa/html/XV/201-D/201-D-11.htm',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'RSA 201-D:11',
                                  'quote': '',
                                  'url': 'https://www.gencourt.state.nh.us/rsa/html/XV/201-D/201-D-11.htm',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'RSA 201-D:11',
                            'quote': '',
                            'url': 'https://www.gencourt.state.nh.us/rsa/html/XV/201-D/201-D-11.htm',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'US-NJ',
  'name': 'New Jersey',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['subpoena', 'court_order', 'search_warrant'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'N.J.S.A. 18A:73-43.2',
  'summary': 'Library records are confidential (N.J.S.A. 18A:73-43.2).',
  'rule_texts': {'guardian.parent_access': {'citation': 'N.J.S.A. 18A:73-43.2'},
                 'guardian.not_permitted': {'citation': 'N.J.S.A. 18A:73-43.2'},
                 'guardian.over_age_limit': {'citation': 'N.J.S.A. 18A:73-43.2'},
                 'guardian.age_unknown': {'citation': 'N.J.S.A. 18A:73-43.2'},
                 'guardian.scope': {'citation': 'N.J.S.A. 18A:73-43.2'},
                 'guardian.proof_missing': {'citation': 'N.J.S.A. 18A:73-43.2'},
                 'law_enforcement.legal_instrument': {'citation': 'N.J.S.A. 18A:73-43.2(c)'},
                 'law_enforcement.no_instrument': {'citation': 'N.J.S.A. 18A:73-43.2(c)'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'N.J.S.A. '
                                                                         '18A:73-43.2(c)',
                                                             'explanation': 'In New Jersey '
                                                                            'records are '
                                                                            'released only on '
                                                                            'a subpoena '
                                                                            'issued by a '
                                                                            'court or a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'N.J.S.A. 18A:73-43.2(c)'},
                 'law_enforcement.emergency_identity': {'citation': 'N.J.S.A. 18A:73-43.2'},
                 'law_enforcement.emergency_identity_only': {'citation': 'N.J.S.A. '
                                                                         '18A:73-43.2'},
                 'law_enforcement.emergency_with_notice': {'citation': 'N.J.S.A. 18A:73-43.2'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'N.J.S.A. '
                                                                          '18A:73-43.2'}},
  'sources': {'confidentiality': {'citation': 'N.J.S.A. 18A:73-43.2',
                                  'quote': 'Library records which contain the names or other '
                                           'personally identifying details regarding the '
                                           'users of libraries are confidential and shall not '
                                           'be disclosed except',
                                  'url': 'https://lis.njleg.state.nj.us/nxt/gateway.dll?f=templates&fn=default.htm&vid=Publish:10.1048/Enu',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'parent_access': {'citation': 'N.J.S.A. 18A:73-43.2',
                                'quote': 'Library records which contain the names or other '
                                         'personally identifying details regarding the users '
                                         'of libraries are confidential and shall not be '
                                         'disclosed except',
                                'url': 'https://lis.njleg.state.nj.us/nxt/gateway.dll?f=templates&fn=default.htm&vid=Publish:10.1048/Enu',
                                'checked_on': '2026-12-06',
                                'status': 'statute'},
              'law_enforcement': {'citation': 'N.J.S.A. 18A:73-43.2(c)',
                                  'quote': 'Disclosure is required pursuant to a subpena '
                                           'issued by a court or court order',
                                  'url': 'https://lis.njleg.state.nj.us/nxt/gateway.dll?f=templates&fn=default.htm&vid=Publish:10.1048/Enu',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'emergency': {'citation': 'N.J.S.A. 18A:73-43.2',
                            'quote': 'Library records which contain the names or other '
                                     'personally identifying details regarding the users of '
                                     'libraries are confidential and shall not be disclosed '
                                     'except',
                            'url': 'https://lis.njleg.state.nj.us/nxt/gateway.dll?f=templates&fn=default.htm&vid=Publish:10.1048/Enu',
                            'checked_on': '2026-12-06',
                            'status': 'statute'}}},
 {'jurisdiction_code': 'US-NM',
  'name': 'New Mexico',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'NMSA 1978 § 18-9-4',
  'summary': 'Library records are confidential (NMSA 1978 § 18-9-4). Not verified against the '
             'statute: parent access, legal instruments, emergencies; those points take the '
             'strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'NMSA 1978 § 18-9-4'},
                 'guardian.not_permitted': {'citation': 'NMSA 1978 § 18-9-4',
                                            'explanation': 'This point of New Mexico law has '
                                                           'not been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'NMSA 1978 § 18-9-4'},
                 'guardian.age_unknown': {'citation': 'NMSA 1978 § 18-9-4'},
                 'guardian.scope': {'citation': 'NMSA 1978 § 18-9-4'},
                 'guardian.proof_missing': {'citation': 'NMSA 1978 § 18-9-4'},
                 'law_enforcement.legal_instrument': {'citation': 'NMSA 1978 § 18-9-4'},
                 'law_enforcement.no_instrument': {'citation': 'NMSA 1978 § 18-9-4',
                                                   'explanation': 'Which legal documents New '
                                                                  'Mexico law accepts has not '
                                                                  'been verified against the '
                                                                  'statute, so the desk takes '
                                                                  'the strictest reading '
                                                                  'until counsel confirms it: '
                                                                  'only a court order, '
                                                                  'presented to the Library '
                                                                  'Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'NMSA 1978 § 18-9-4',
                                                             'explanation': 'Which legal '
                                                                            'documents New '
                                                                            'Mexico law '
                                                                            'accepts has not '
                                                                            'been verified '
                                                                            'against the '
                                                                            'statute, so the '
                                                                            'desk takes the '
                                                                            'strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'NMSA 1978 § 18-9-4'},
                 'law_enforcement.emergency_identity': {'citation': 'NMSA 1978 § 18-9-4'},
                 'law_enforcement.emergency_identity_only': {'citation': 'NMSA 1978 § 18-9-4'},
                 'law_enforcement.emergency_with_notice': {'citation': 'NMSA 1978 § 18-9-4'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'NMSA 1978 § 18-9-4',
                                                              'explanation': 'Whether New '
                                                                             'Mexico law has '
                                                                             'an emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'NMSA 1978 § 18-9-4',
                                  'quote': '',
                                  'url': 'https://nmonesource.com/nmos/nmsa/en/nav_date.do',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'NMSA 1978 § 18-9-4',
                                'quote': '',
                                'url': 'https://nmonesource.com/nmos/nmsa/en/nav_date.do',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'NMSA 1978 § 18-9-4',
                                  'quote': '',
                                  'url': 'https://nmonesource.com/nmos/nmsa/en/nav_date.do',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'NMSA 1978 § 18-9-4',
                            'quote': '',
                            'url': 'https://nmonesource.com/nmos/nmsa/en/nav_date.do',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'US-NV',
  'name': 'Nevada',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'NRS 239.013',
  'summary': 'Library records are confidential (NRS 239.013). Not verified against the '
             'statute: parent access, legal instruments, emergencies; those points take the '
             'strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'NRS 239.013'},
                 'guardian.not_permitted': {'citation': 'NRS 239.013',
                                            'explanation': 'This point of Nevada law has not '
                                                           'been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'NRS 239.013'},
                 'guardian.age_unknown': {'citation': 'NRS 239.013'},
                 'guardian.scope': {'citation': 'NRS 239.013'},
                 'guardian.proof_missing': {'citation': 'NRS 239.013'},
                 'law_enforcement.legal_instrument': {'citation': 'NRS 239.013'},
                 'law_enforcement.no_instrument': {'citation': 'NRS 239.013',
                                                   'explanation': 'Which legal documents '
                                                                  'Nevada law accepts has not '
                                                                  'been verified against the '
                                                                  'statute, so the desk takes '
                                                                  'the strictest reading '
                                                                  'until counsel confirms it: '
                                                                  'only a court order, '
                                                                  'presented to the Library '
                                                                  'Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'NRS 239.013',
                                                             'explanation': 'Which legal '
                                                                            'documents Nevada '
                                                                            'law accepts has '
                                                                            'not been '
                                                                            'verified against '
                                                                            'the statute, so '
                                                                            'the desk takes '
                                                                            'the strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'NRS 239.013'},
                 'law_enforcement.emergency_identity': {'citation': 'NRS 239.013'},
                 'law_enforcement.emergency_identity_only': {'citation': 'NRS 239.013'},
                 'law_enforcement.emergency_with_notice': {'citation': 'NRS 239.013'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'NRS 239.013',
                                                              'explanation': 'Whether Nevada '
                                                                             'law has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'NRS 239.013',
                                  'quote': '',
                                  'url': 'https://www.leg.state.nv.us/NRS/NRS-239.html#NRS239Sec013',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'NRS 239.013',
                                'quote': '',
                                'url': 'https://www.leg.state.nv.us/NRS/NRS-239.html#NRS239Sec013',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'NRS 239.013',
                                  'quote': '',
                                  'url': 'https://www.leg.state.nv.us/NRS/NRS-239.html#NRS239Sec013',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'NRS 239.013',
                            'quote': '',
                            'url': 'https://www.leg.state.nv.us/NRS/NRS-239.html#NRS239Sec013',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'US-NY',
  'name': 'New York',
  'age_of_majority': 18,
  'parent_access': 'may',
  'parent_access_max_age': 18,
  'parent_access_proof': ['card'],
  'parent_access_scope': ['current_loans', 'holds', 'fees'],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['subpoena', 'court_order', 'search_warrant'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'N.Y. CPLR 4509',
  'summary': 'Library records are confidential. The cardholder controls the card: with a '
             'valid card the cardholder, or the parent or guardian of a minor, may learn the '
             "current circulation record. Someone presenting a friend's or family member's "
             "card may borrow with the cardholder's authorization but is told nothing. Anyone "
             'else gets records only on a valid court order or subpoena presented to the '
             'Library Director.',
  'sources': {'confidentiality': {'citation': 'N.Y. CPLR 4509',
                                  'quote': 'Library records ... shall be confidential and '
                                           'shall not be disclosed',
                                  'url': 'https://www.nysenate.gov/legislation/laws/CVP/4509',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'parent_access': {'citation': 'N.Y. CPLR 4509; Patterson Library Customer '
                                            'Service Policy',
                                'quote': 'shall be disclosed upon request or consent of the '
                                         'user',
                                'url': 'https://www.nysenate.gov/legislation/laws/CVP/4509',
                                'checked_on': '2026-12-06',
                                'status': 'secondary'},
              'law_enforcement': {'citation': 'N.Y. CPLR 4509',
                                  'quote': 'or pursuant to subpoena, court order or where '
                                           'otherwise required by statute',
                                  'url': 'https://www.nysenate.gov/legislation/laws/CVP/4509',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'emergency': {'citation': 'N.Y. CPLR 4509',
                            'quote': 'shall not be disclosed except ... (no emergency '
                                     'exception)',
                            'url': 'https://www.nysenate.gov/legislation/laws/CVP/4509',
                            'checked_on': '2026-12-06',
                            'status': 'statute'}},
  'rule_texts': {'guardian.parent_access': {'citation': 'N.Y. CPLR 4509; Patterson Library '
                                                        'Customer Service Policy',
                                            'explanation': 'A parent or guardian of a child '
                                                           "under 18 who presents the child's "
                                                           'valid library card may learn the '
                                                           "child's current circulation "
                                                           'record: current loans, holds and '
                                                           'fees.'},
                 'guardian.scope': {'citation': 'N.Y. CPLR 4509; Patterson Library Customer '
                                                'Service Policy',
                                    'explanation': "With the child's card a parent may learn "
                                                   'only the current circulation record '
                                                   '(current loans, holds and fees), not the '
                                                   "rest of the child's library records."},
                 'proxy.no_disclosure': {'explanation': "A person presenting a friend's or "
                                                        "family member's card may check out "
                                                        "items on it with the cardholder's "
                                                        'authorization, but no information '
                                                        'from that library record may be '
                                                        'given to them.'}}},
 {'jurisdiction_code': 'US-OH',
  'name': 'Ohio',
  'age_of_majority': 18,
  'parent_access': 'must',
  'parent_access_max_age': 18,
  'parent_access_proof': ['photo_id'],
  'parent_access_scope': ['registration',
                          'current_loans',
                          'loan_history',
                          'holds',
                          'fees',
                          'program_attendance',
                          'computer_use',
                          'reference'],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['subpoena', 'court_order', 'search_warrant'],
  'emergency_disclosure': 'with_notice',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'Ohio Rev. Code § 149.432',
  'summary': 'Library records are confidential (Ohio Rev. Code § 149.432).',
  'rule_texts': {'guardian.parent_access': {'citation': 'Ohio Rev. Code § 149.432(B)(1)'},
                 'guardian.not_permitted': {'citation': 'Ohio Rev. Code § 149.432(B)(1)'},
                 'guardian.over_age_limit': {'citation': 'Ohio Rev. Code § 149.432(B)(1)'},
                 'guardian.age_unknown': {'citation': 'Ohio Rev. Code § 149.432(B)(1)'},
                 'guardian.scope': {'citation': 'Ohio Rev. Code § 149.432(B)(1)'},
                 'guardian.proof_missing': {'citation': 'Ohio Rev. Code § 149.432(B)(1)'},
                 'law_enforcement.legal_instrument': {'citation': 'Ohio Rev. Code § '
                                                                  '149.432(B)(2)'},
                 'law_enforcement.no_instrument': {'citation': 'Ohio Rev. Code § '
                                                               '149.432(B)(2)'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'Ohio Rev. Code § '
                                                                         '149.432(B)(2)'},
                 'third_party.legal_instrument': {'citation': 'Ohio Rev. Code § '
                                                              '149.432(B)(2)'},
                 'law_enforcement.emergency_identity': {'citation': 'Ohio Rev. Code § '
                                                                    '149.432(B)(2)'},
                 'law_enforcement.emergency_identity_only': {'citation': 'Ohio Rev. Code § '
                                                                         '149.432(B)(2)'},
                 'law_enforcement.emergency_with_notice': {'citation': 'Ohio Rev. Code § '
                                                                       '149.432(B)(2)',
                                                           'explanation': 'Ohio law lets the '
                                                                          'library release '
                                                                          'records to an '
                                                                          'officer '
                                                                          'investigating a '
                                                                          'matter of public '
                                                                          'safety in exigent '
                                                                          'circumstances; '
                                                                          'only the Director '
                                                                          'decides.'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'Ohio Rev. Code § '
                                                                          '149.432(B)(2)'}},
  'sources': {'confidentiality': {'citation': 'Ohio Rev. Code § 149.432(B)',
                                  'quote': 'A library shall not release any library record or '
                                           'disclose any patron information (Ohio Legislative '
                                           'Service Commission analysis of H.B. 389)',
                                  'url': 'https://codes.ohio.gov/ohio-revised-code/section-149.432',
                                  'checked_on': '2026-12-06',
                                  'status': 'secondary'},
              'parent_access': {'citation': 'Ohio Rev. Code § 149.432(B)(1)',
                                'quote': 'If a library record or patron information '
                                         'pertaining to a minor child is requested ... by the '
                                         "minor child's parent, guardian, or custodian, the "
                                         'library must make that record or information '
                                         'available (LSC analysis)',
                                'url': 'https://codes.ohio.gov/ohio-revised-code/section-149.432',
                                'checked_on': '2026-12-06',
                                'status': 'secondary'},
              'law_enforcement': {'citation': 'Ohio Rev. Code § 149.432(B)(2)',
                                  'quote': 'in accordance with a subpoena, search warrant, or '
                                           'other court order (LSC analysis)',
                                  'url': 'https://codes.ohio.gov/ohio-revised-code/section-149.432',
                                  'checked_on': '2026-12-06',
                                  'status': 'secondary'},
              'emergency': {'citation': 'Ohio Rev. Code § 149.432(B)(2)',
                            'quote': 'to a law enforcement officer ... investigating a matter '
                                     'involving public safety in exigent circumstances (LSC '
                                     'analysis)',
                            'url': 'https://codes.ohio.gov/ohio-revised-code/section-149.432',
                            'checked_on': '2026-12-06',
                            'status': 'secondary'}}},
 {'jurisdiction_code': 'US-OK',
  'name': 'Oklahoma',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': '65 O.S. § 1-105',
  'summary': 'Library records are confidential (65 O.S. § 1-105).',
  'rule_texts': {'guardian.parent_access': {'citation': '65 O.S. § 1-105(A)'},
                 'guardian.not_permitted': {'citation': '65 O.S. § 1-105(A)'},
                 'guardian.over_age_limit': {'citation': '65 O.S. § 1-105(A)'},
                 'guardian.age_unknown': {'citation': '65 O.S. § 1-105(A)'},
                 'guardian.scope': {'citation': '65 O.S. § 1-105(A)'},
                 'guardian.proof_missing': {'citation': '65 O.S. § 1-105(A)'},
                 'law_enforcement.legal_instrument': {'citation': '65 O.S. § 1-105(A)'},
                 'law_enforcement.no_instrument': {'citation': '65 O.S. § 1-105(A)'},
                 'law_enforcement.instrument_not_accepted': {'citation': '65 O.S. § 1-105(A)'},
                 'third_party.legal_instrument': {'citation': '65 O.S. § 1-105(A)'},
                 'law_enforcement.emergency_identity': {'citation': '65 O.S. § 1-105(A)'},
                 'law_enforcement.emergency_identity_only': {'citation': '65 O.S. § 1-105(A)'},
                 'law_enforcement.emergency_with_notice': {'citation': '65 O.S. § 1-105(A)'},
                 'law_enforcement.emergency_not_recognised': {'citation': '65 O.S. § '
                                                                          '1-105(A)'}},
  'sources': {'confidentiality': {'citation': '65 O.S. § 1-105(A)',
                                  'quote': 'shall not disclose such records to any person '
                                           'except to ... 3. By order of a court of law',
                                  'url': 'https://oksenate.gov/sites/default/files/2019-12/os65.pdf',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'parent_access': {'citation': '65 O.S. § 1-105(A)',
                                'quote': 'shall not disclose such records to any person '
                                         'except to ... 3. By order of a court of law',
                                'url': 'https://oksenate.gov/sites/default/files/2019-12/os65.pdf',
                                'checked_on': '2026-12-06',
                                'status': 'statute'},
              'law_enforcement': {'citation': '65 O.S. § 1-105(A)',
                                  'quote': 'shall not disclose such records to any person '
                                           'except to ... 3. By order of a court of law',
                                  'url': 'https://oksenate.gov/sites/default/files/2019-12/os65.pdf',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'emergency': {'citation': '65 O.S. § 1-105(A)',
                            'quote': 'shall not disclose such records to any person except to '
                                     '... 3. By order of a court of law',
                            'url': 'https://oksenate.gov/sites/default/files/2019-12/os65.pdf',
                            'checked_on': '2026-12-06',
                            'status': 'statute'}}},
 {'jurisdiction_code': 'US-OR',
  'name': 'Oregon',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'ORS 192.355(23)',
  'summary': 'Library records are confidential (ORS 192.355(23)). Not verified against the '
             'statute: parent access, legal instruments, emergencies; those points take the '
             'strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'ORS 192.355(23)'},
                 'guardian.not_permitted': {'citation': 'ORS 192.355(23)',
                                            'explanation': 'This point of Oregon law has not '
                                                           'been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'ORS 192.355(23)'},
                 'guardian.age_unknown': {'citation': 'ORS 192.355(23)'},
                 'guardian.scope': {'citation': 'ORS 192.355(23)'},
                 'guardian.proof_missing': {'citation': 'ORS 192.355(23)'},
                 'law_enforcement.legal_instrument': {'citation': 'ORS 192.355(23)'},
                 'law_enforcement.no_instrument': {'citation': 'ORS 192.355(23)',
                                                   'explanation': 'Which legal documents '
                                                                  'Oregon law accepts has not '
                                                                  'been verified against the '
                                                                  'statute, so the desk takes '
                                                                  'the strictest reading '
                                                                  'until counsel confirms it: '
                                                                  'only a court order, '
                                                                  'presented to the Library '
                                                                  'Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'ORS 192.355(23)',
                                                             'explanation': 'Which legal '
                                                                            'documents Oregon '
                                                                            'law accepts has '
                                                                            'not been '
                                                                            'verified against '
                                                                            'the statute, so '
                                                                            'the desk takes '
                                                                            'the strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'ORS 192.355(23)'},
                 'law_enforcement.emergency_identity': {'citation': 'ORS 192.355(23)'},
                 'law_enforcement.emergency_identity_only': {'citation': 'ORS 192.355(23)'},
                 'law_enforcement.emergency_with_notice': {'citation': 'ORS 192.355(23)'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'ORS 192.355(23)',
                                                              'explanation': 'Whether Oregon '
                                                                             'law has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'ORS 192.355(23)',
                                  'quote': '',
                                  'url': 'https://oregon.public.law/statutes/ors_192.355',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'ORS 192.355(23)',
                                'quote': '',
                                'url': 'https://oregon.public.law/statutes/ors_192.355',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'ORS 192.355(23)',
                                  'quote': '',
                                  'url': 'https://oregon.public.law/statutes/ors_192.355',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'ORS 192.355(23)',
                            'quote': '',
                            'url': 'https://oregon.public.law/statutes/ors_192.355',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'US-PA',
  'name': 'Pennsylvania',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': '24 Pa.C.S. § 9375 (formerly 24 P.S. § 4428)',
  'summary': 'Library records are confidential (24 Pa.C.S. § 9375 (formerly 24 P.S. § 4428)).',
  'rule_texts': {'guardian.parent_access': {'citation': '24 Pa.C.S. § 9375 (formerly 24 P.S. '
                                                        '§ 4428)'},
                 'guardian.not_permitted': {'citation': '24 Pa.C.S. § 9375 (formerly 24 P.S. '
                                                        '§ 4428)'},
                 'guardian.over_age_limit': {'citation': '24 Pa.C.S. § 9375 (formerly 24 P.S. '
                                                         '§ 4428)'},
                 'guardian.age_unknown': {'citation': '24 Pa.C.S. § 9375 (formerly 24 P.S. § '
                                                      '4428)'},
                 'guardian.scope': {'citation': '24 Pa.C.S. § 9375 (formerly 24 P.S. § 4428)'},
                 'guardian.proof_missing': {'citation': '24 Pa.C.S. § 9375 (formerly 24 P.S. '
                                                        '§ 4428)'},
                 'law_enforcement.legal_instrument': {'citation': '24 Pa.C.S. § 9375 '
                                                                  '(formerly 24 P.S. § 4428)'},
                 'law_enforcement.no_instrument': {'citation': '24 Pa.C.S. § 9375 (formerly '
                                                               '24 P.S. § 4428)'},
                 'law_enforcement.instrument_not_accepted': {'citation': '24 Pa.C.S. § 9375 '
                                                                         '(formerly 24 P.S. § '
                                                                         '4428)'},
                 'third_party.legal_instrument': {'citation': '24 Pa.C.S. § 9375 (formerly 24 '
                                                              'P.S. § 4428)'},
                 'law_enforcement.emergency_identity': {'citation': '24 Pa.C.S. § 9375 '
                                                                    '(formerly 24 P.S. § '
                                                                    '4428)'},
                 'law_enforcement.emergency_identity_only': {'citation': '24 Pa.C.S. § 9375 '
                                                                         '(formerly 24 P.S. § '
                                                                         '4428)'},
                 'law_enforcement.emergency_with_notice': {'citation': '24 Pa.C.S. § 9375 '
                                                                       '(formerly 24 P.S. § '
                                                                       '4428)'},
                 'law_enforcement.emergency_not_recognised': {'citation': '24 Pa.C.S. § 9375 '
                                                                          '(formerly 24 P.S. '
                                                                          '§ 4428)'}},
  'sources': {'confidentiality': {'citation': '24 Pa.C.S. § 9375 (formerly 24 P.S. § 4428)',
                                  'quote': 'shall be confidential and shall not be made '
                                           'available to anyone except by a court order in a '
                                           'criminal proceeding (library policies quoting the '
                                           'section)',
                                  'url': 'https://www.legis.state.pa.us/cfdocs/legis/LI/consCheck.cfm?txtType=HTM&ttl=24&div=0&chpt=93',
                                  'checked_on': '2026-12-06',
                                  'status': 'secondary'},
              'parent_access': {'citation': '24 Pa.C.S. § 9375 (formerly 24 P.S. § 4428)',
                                'quote': 'shall be confidential and shall not be made '
                                         'available to anyone except by a court order in a '
                                         'criminal proceeding (library policies quoting the '
                                         'section)',
                                'url': 'https://www.legis.state.pa.us/cfdocs/legis/LI/consCheck.cfm?txtType=HTM&ttl=24&div=0&chpt=93',
                                'checked_on': '2026-12-06',
                                'status': 'secondary'},
              'law_enforcement': {'citation': '24 Pa.C.S. § 9375 (formerly 24 P.S. § 4428)',
                                  'quote': 'shall be confidential and shall not be made '
                                           'available to anyone except by a court order in a '
                                           'criminal proceeding (library policies quoting the '
                                           'section)',
                                  'url': 'https://www.legis.state.pa.us/cfdocs/legis/LI/consCheck.cfm?txtType=HTM&ttl=24&div=0&chpt=93',
                                  'checked_on': '2026-12-06',
                                  'status': 'secondary'},
              'emergency': {'citation': '24 Pa.C.S. § 9375 (formerly 24 P.S. § 4428)',
                            'quote': 'shall be confidential and shall not be made available '
                                     'to anyone except by a court order in a criminal '
                                     'proceeding (library policies quoting the section)',
                            'url': 'https://www.legis.state.pa.us/cfdocs/legis/LI/consCheck.cfm?txtType=HTM&ttl=24&div=0&chpt=93',
                            'checked_on': '2026-12-06',
                            'status': 'secondary'}}},
 {'jurisdiction_code': 'US-RI',
  'name': 'Rhode Island',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'R.I. Gen. Laws § 11-18-32',
  'summary': 'Library records are confidential (R.I. Gen. Laws § 11-18-32). Not verified '
             'against the statute: parent access, legal instruments, emergencies; those '
             'points take the strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'R.I. Gen. Laws § 11-18-32'},
                 'guardian.not_permitted': {'citation': 'R.I. Gen. Laws § 11-18-32',
                                            'explanation': 'This point of Rhode Island law '
                                                           'has not been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'R.I. Gen. Laws § 11-18-32'},
                 'guardian.age_unknown': {'citation': 'R.I. Gen. Laws § 11-18-32'},
                 'guardian.scope': {'citation': 'R.I. Gen. Laws § 11-18-32'},
                 'guardian.proof_missing': {'citation': 'R.I. Gen. Laws § 11-18-32'},
                 'law_enforcement.legal_instrument': {'citation': 'R.I. Gen. Laws § 11-18-32'},
                 'law_enforcement.no_instrument': {'citation': 'R.I. Gen. Laws § 11-18-32',
                                                   'explanation': 'Which legal documents '
                                                                  'Rhode Island law accepts '
                                                                  'has not been verified '
                                                                  'against the statute, so '
                                                                  'the desk takes the '
                                                                  'strictest reading until '
                                                                  'counsel confirms it: only '
                                                                  'a court order, presented '
                                                                  'to the Library Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'R.I. Gen. Laws § '
                                                                         '11-18-32',
                                                             'explanation': 'Which legal '
                                                                            'documents Rhode '
                                                                            'Island law '
                                                                            'accepts has not '
                                                                            'been verified '
                                                                            'against the '
                                                                            'statute, so the '
                                                                            'desk takes the '
                                                                            'strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'R.I. Gen. Laws § 11-18-32'},
                 'law_enforcement.emergency_identity': {'citation': 'R.I. Gen. Laws § '
                                                                    '11-18-32'},
                 'law_enforcement.emergency_identity_only': {'citation': 'R.I. Gen. Laws § '
                                                                         '11-18-32'},
                 'law_enforcement.emergency_with_notice': {'citation': 'R.I. Gen. Laws § '
                                                                       '11-18-32'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'R.I. Gen. Laws § '
                                                                          '11-18-32',
                                                              'explanation': 'Whether Rhode '
                                                                             'Island law has '
                                                                             'an emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'R.I. Gen. Laws § 11-18-32',
                                  'quote': '',
                                  'url': 'https://webserver.rilegislature.gov/Statutes/TITLE11/11-18/11-18-32.htm',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'R.I. Gen. Laws § 11-18-32',
                                'quote': '',
                                'url': 'https://webserver.rilegislature.gov/Statutes/TITLE11/11-18/11-18-32.htm',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'R.I. Gen. Laws § 11-18-32',
                                  'quote': '',
                                  'url': 'https://webserver.rilegislature.gov/Statutes/TITLE11/11-18/11-18-32.htm',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'R.I. Gen. Laws § 11-18-32',
                            'quote': '',
                            'url': 'https://webserver.rilegislature.gov/Statutes/TITLE11/11-18/11-18-32.htm',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'US-SC',
  'name': 'South Carolina',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'S.C. Code § 60-4-10',
  'summary': 'Library records are confidential (S.C. Code § 60-4-10). Not verified against '
             'the statute: parent access, legal instruments, emergencies; those points take '
             'the strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'S.C. Code § 60-4-10'},
                 'guardian.not_permitted': {'citation': 'S.C. Code § 60-4-10',
                                            'explanation': 'This point of South Carolina law '
                                                           'has not been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'S.C. Code § 60-4-10'},
                 'guardian.age_unknown': {'citation': 'S.C. Code § 60-4-10'},
                 'guardian.scope': {'citation': 'S.C. Code § 60-4-10'},
                 'guardian.proof_missing': {'citation': 'S.C. Code § 60-4-10'},
                 'law_enforcement.legal_instrument': {'citation': 'S.C. Code § 60-4-10'},
                 'law_enforcement.no_instrument': {'citation': 'S.C. Code § 60-4-10',
                                                   'explanation': 'Which legal documents '
                                                                  'South Carolina law accepts '
                                                                  'has not been verified '
                                                                  'against the statute, so '
                                                                  'the desk takes the '
                                                                  'strictest reading until '
                                                                  'counsel confirms it: only '
                                                                  'a court order, presented '
                                                                  'to the Library Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'S.C. Code § 60-4-10',
                                                             'explanation': 'Which legal '
                                                                            'documents South '
                                                                            'Carolina law '
                                                                            'accepts has not '
                                                                            'been verified '
                                                                            'against the '
                                                                            'statute, so the '
                                                                            'desk takes the '
                                                                            'strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'S.C. Code § 60-4-10'},
                 'law_enforcement.emergency_identity': {'citation': 'S.C. Code § 60-4-10'},
                 'law_enforcement.emergency_identity_only': {'citation': 'S.C. Code § '
                                                                         '60-4-10'},
                 'law_enforcement.emergency_with_notice': {'citation': 'S.C. Code § 60-4-10'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'S.C. Code § '
                                                                          '60-4-10',
                                                              'explanation': 'Whether South '
                                                                             'Carolina law '
                                                                             'has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'S.C. Code § 60-4-10',
                                  'quote': '',
                                  'url': 'https://www.scstatehouse.gov/code/t60c004.php',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'S.C. Code § 60-4-10',
                                'quote': '',
                                'url': 'https://www.scstatehouse.gov/code/t60c004.php',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'S.C. Code § 60-4-10',
                                  'quote': '',
                                  'url': 'https://www.scstatehouse.gov/code/t60c004.php',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'S.C. Code § 60-4-10',
                            'quote': '',
                            'url': 'https://www.scstatehouse.gov/code/t60c004.php',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'US-SD',
  'name': 'South Dakota',
  'age_of_majority': 18,
  'parent_access': 'may',
  'parent_access_max_age': 18,
  'parent_access_proof': ['photo_id'],
  'parent_access_scope': ['registration',
                          'current_loans',
                          'loan_history',
                          'holds',
                          'fees',
                          'program_attendance',
                          'computer_use',
                          'reference'],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'SDCL 14-2-51',
  'summary': 'Library records are confidential (SDCL 14-2-51).',
  'rule_texts': {'guardian.parent_access': {'citation': 'SDCL 14-2-51'},
                 'guardian.not_permitted': {'citation': 'SDCL 14-2-51'},
                 'guardian.over_age_limit': {'citation': 'SDCL 14-2-51'},
                 'guardian.age_unknown': {'citation': 'SDCL 14-2-51'},
                 'guardian.scope': {'citation': 'SDCL 14-2-51'},
                 'guardian.proof_missing': {'citation': 'SDCL 14-2-51'},
                 'law_enforcement.legal_instrument': {'citation': 'SDCL 14-2-51'},
                 'law_enforcement.no_instrument': {'citation': 'SDCL 14-2-51'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'SDCL 14-2-51'},
                 'third_party.legal_instrument': {'citation': 'SDCL 14-2-51'},
                 'law_enforcement.emergency_identity': {'citation': 'SDCL 14-2-51'},
                 'law_enforcement.emergency_identity_only': {'citation': 'SDCL 14-2-51'},
                 'law_enforcement.emergency_with_notice': {'citation': 'SDCL 14-2-51'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'SDCL 14-2-51'}},
  'sources': {'confidentiality': {'citation': 'SDCL 14-2-51',
                                  'quote': 'may not be released except by court order or upon '
                                           'request of a parent of a child who is under '
                                           'eighteen years of age',
                                  'url': 'https://sdlegislature.gov/Statutes/14-2-51',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'parent_access': {'citation': 'SDCL 14-2-51',
                                'quote': 'may not be released except by court order or upon '
                                         'request of a parent of a child who is under '
                                         'eighteen years of age',
                                'url': 'https://sdlegislature.gov/Statutes/14-2-51',
                                'checked_on': '2026-12-06',
                                'status': 'statute'},
              'law_enforcement': {'citation': 'SDCL 14-2-51',
                                  'quote': 'may not be released except by court order or upon '
                                           'request of a parent of a child who is under '
                                           'eighteen years of age',
                                  'url': 'https://sdlegislature.gov/Statutes/14-2-51',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'emergency': {'citation': 'SDCL 14-2-51',
                            'quote': 'may not be released except by court order or upon '
                                     'request of a parent of a child who is under eighteen '
                                     'years of age',
                            'url': 'https://sdlegislature.gov/Statutes/14-2-51',
                            'checked_on': '2026-12-06',
                            'status': 'statute'}}},
 {'jurisdiction_code': 'US-TN',
  'name': 'Tennessee',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'Tenn. Code § 10-8-102',
  'summary': 'Library records are confidential (Tenn. Code § 10-8-102). Not verified against '
             'the statute: parent access, legal instruments, emergencies; those points take '
             'the strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'Tenn. Code § 10-8-102'},
                 'guardian.not_permitted': {'citation': 'Tenn. Code § 10-8-102',
                                            'explanation': 'This point of Tennessee law has '
                                                           'not been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'Tenn. Code § 10-8-102'},
                 'guardian.age_unknown': {'citation': 'Tenn. Code § 10-8-102'},
                 'guardian.scope': {'citation': 'Tenn. Code § 10-8-102'},
                 'guardian.proof_missing': {'citation': 'Tenn. Code § 10-8-102'},
                 'law_enforcement.legal_instrument': {'citation': 'Tenn. Code § 10-8-102'},
                 'law_enforcement.no_instrument': {'citation': 'Tenn. Code § 10-8-102',
                                                   'explanation': 'Which legal documents '
                                                                  'Tennessee law accepts has '
                                                                  'not been verified against '
                                                                  'the statute, so the desk '
                                                                  'takes the strictest '
                                                                  'reading until counsel '
                                                                  'confirms it: only a court '
                                                                  'order, presented to the '
                                                                  'Library Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'Tenn. Code § '
                                                                         '10-8-102',
                                                             'explanation': 'Which legal '
                                                                            'documents '
                                                                            'Tennessee law '
                                                                            'accepts has not '
                                                                            'been verified '
                                                                            'against the '
                                                                            'statute, so the '
                                                                            'desk takes the '
                                                                            'strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'Tenn. Code § 10-8-102'},
                 'law_enforcement.emergency_identity': {'citation': 'Tenn. Code § 10-8-102'},
                 'law_enforcement.emergency_identity_only': {'citation': 'Tenn. Code § '
                                                                         '10-8-102'},
                 'law_enforcement.emergency_with_notice': {'citation': 'Tenn. Code § '
                                                                       '10-8-102'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'Tenn. Code § '
                                                                          '10-8-102',
                                                              'explanation': 'Whether '
                                                                             'Tennessee law '
                                                                             'has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'Tenn. Code § 10-8-102',
                                  'quote': '',
                                  'url': 'https://law.justia.com/codes/tennessee/title-10/chapter-8/',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'Tenn. Code § 10-8-102',
                                'quote': '',
                                'url': 'https://law.justia.com/codes/tennessee/title-10/chapter-8/',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'Tenn. Code § 10-8-102',
                                  'quote': '',
                                  'url': 'https://law.justia.com/codes/tennessee/title-10/chapter-8/',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'Tenn. Code § 10-8-102',
                            'quote': '',
                            'url': 'https://law.justia.com/codes/tennessee/title-10/chapter-8/',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'US-TX',
  'name': 'Texas',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['subpoena', 'court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': "Tex. Gov't Code § 552.124",
  'summary': "Library records are confidential (Tex. Gov't Code § 552.124). Not verified "
             'against the statute: parent access; those points take the strictest reading '
             'until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': "Tex. Gov't Code §§ 552.124(a)(2), "
                                                        '552.023'},
                 'guardian.not_permitted': {'citation': "Tex. Gov't Code §§ 552.124(a)(2), "
                                                        '552.023',
                                            'explanation': 'This point of Texas law has not '
                                                           'been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': "Tex. Gov't Code §§ 552.124(a)(2), "
                                                         '552.023'},
                 'guardian.age_unknown': {'citation': "Tex. Gov't Code §§ 552.124(a)(2), "
                                                      '552.023'},
                 'guardian.scope': {'citation': "Tex. Gov't Code §§ 552.124(a)(2), 552.023"},
                 'guardian.proof_missing': {'citation': "Tex. Gov't Code §§ 552.124(a)(2), "
                                                        '552.023'},
                 'law_enforcement.legal_instrument': {'citation': "Tex. Gov't Code § "
                                                                  '552.124(a)(3)'},
                 'law_enforcement.no_instrument': {'citation': "Tex. Gov't Code § "
                                                               '552.124(a)(3)'},
                 'law_enforcement.instrument_not_accepted': {'citation': "Tex. Gov't Code § "
                                                                         '552.124(a)(3)',
                                                             'explanation': 'In Texas records '
                                                                            'go to law '
                                                                            'enforcement only '
                                                                            'under a court '
                                                                            'order or a '
                                                                            'subpoena '
                                                                            'obtained after a '
                                                                            'showing to a '
                                                                            'district court, '
                                                                            'presented to the '
                                                                            'Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': "Tex. Gov't Code § "
                                                              '552.124(a)(3)'},
                 'law_enforcement.emergency_identity': {'citation': "Tex. Gov't Code § "
                                                                    '552.124'},
                 'law_enforcement.emergency_identity_only': {'citation': "Tex. Gov't Code § "
                                                                         '552.124'},
                 'law_enforcement.emergency_with_notice': {'citation': "Tex. Gov't Code § "
                                                                       '552.124'},
                 'law_enforcement.emergency_not_recognised': {'citation': "Tex. Gov't Code § "
                                                                          '552.124'}},
  'sources': {'confidentiality': {'citation': "Tex. Gov't Code § 552.124",
                                  'quote': 'A record of a library or library system ... that '
                                           'identifies or serves to identify a person who '
                                           'requested, obtained, or used a library material '
                                           'or service',
                                  'url': 'https://statutes.capitol.texas.gov/Docs/GV/htm/GV.552.htm#552.124',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'parent_access': {'citation': "Tex. Gov't Code §§ 552.124(a)(2), 552.023",
                                'quote': '',
                                'url': 'https://statutes.capitol.texas.gov/Docs/GV/htm/GV.552.htm#552.124',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': "Tex. Gov't Code § 552.124(a)(3)",
                                  'quote': 'to a law enforcement agency or a prosecutor under '
                                           'a court order or subpoena obtained after a '
                                           'showing to a district court',
                                  'url': 'https://statutes.capitol.texas.gov/Docs/GV/htm/GV.552.htm#552.124',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'emergency': {'citation': "Tex. Gov't Code § 552.124",
                            'quote': 'A record of a library or library system ... that '
                                     'identifies or serves to identify a person who '
                                     'requested, obtained, or used a library material or '
                                     'service',
                            'url': 'https://statutes.capitol.texas.gov/Docs/GV/htm/GV.552.htm#552.124',
                            'checked_on': '2026-12-06',
                            'status': 'statute'}}},
 {'jurisdiction_code': 'US-UT',
  'name': 'Utah',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'Utah Code § 63G-2-302(1)(c)',
  'summary': 'Library records are confidential (Utah Code § 63G-2-302(1)(c)). Not verified '
             'against the statute: parent access, legal instruments, emergencies; those '
             'points take the strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'Utah Code § 63G-2-302(1)(c)'},
                 'guardian.not_permitted': {'citation': 'Utah Code § 63G-2-302(1)(c)',
                                            'explanation': 'This point of Utah law has not '
                                                           'been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'Utah Code § 63G-2-302(1)(c)'},
                 'guardian.age_unknown': {'citation': 'Utah Code § 63G-2-302(1)(c)'},
                 'guardian.scope': {'citation': 'Utah Code § 63G-2-302(1)(c)'},
                 'guardian.proof_missing': {'citation': 'Utah Code § 63G-2-302(1)(c)'},
                 'law_enforcement.legal_instrument': {'citation': 'Utah Code § '
                                                                  '63G-2-302(1)(c)'},
                 'law_enforcement.no_instrument': {'citation': 'Utah Code § 63G-2-302(1)(c)',
                                                   'explanation': 'Which legal documents Utah '
                                                                  'law accepts has not been '
                                                                  'verified against the '
                                                                  'statute, so the desk takes '
                                                                  'the strictest reading '
                                                                  'until counsel confirms it: '
                                                                  'only a court order, '
                                                                  'presented to the Library '
                                                                  'Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'Utah Code § '
                                                                         '63G-2-302(1)(c)',
                                                             'explanation': 'Which legal '
                                                                            'documents Utah '
                                                                            'law accepts has '
                                                                            'not been '
                                                                            'verified against '
                                                                            'the statute, so '
                                                                            'the desk takes '
                                                                            'the strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'Utah Code § 63G-2-302(1)(c)'},
                 'law_enforcement.emergency_identity': {'citation': 'Utah Code § '
                                                                    '63G-2-302(1)(c)'},
                 'law_enforcement.emergency_identity_only': {'citation': 'Utah Code § '
                                                                         '63G-2-302(1)(c)'},
                 'law_enforcement.emergency_with_notice': {'citation': 'Utah Code § '
                                                                       '63G-2-302(1)(c)'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'Utah Code § '
                                                                          '63G-2-302(1)(c)',
                                                              'explanation': 'Whether Utah '
                                                                             'law has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'Utah Code § 63G-2-302(1)(c)',
                                  'quote': '',
                                  'url': 'https://le.utah.gov/xcode/Title63G/Chapter2/63G-2-S302.html',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'Utah Code § 63G-2-302(1)(c)',
                                'quote': '',
                                'url': 'https://le.utah.gov/xcode/Title63G/Chapter2/63G-2-S302.html',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'Utah Code § 63G-2-302(1)(c)',
                                  'quote': '',
                                  'url': 'https://le.utah.gov/xcode/Title63G/Chapter2/63G-2-S302.html',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'Utah Code § 63G-2-302(1)(c)',
                            'quote': '',
                            'url': 'https://le.utah.gov/xcode/Title63G/Chapter2/63G-2-S302.html',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'US-VA',
  'name': 'Virginia',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'Va. Code § 2.2-3705.7(3)',
  'summary': 'Library records are confidential (Va. Code § 2.2-3705.7(3)). Not verified '
             'against the statute: parent access, legal instruments, emergencies; those '
             'points take the strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'Va. Code § 2.2-3705.7(3)'},
                 'guardian.not_permitted': {'citation': 'Va. Code § 2.2-3705.7(3)',
                                            'explanation': 'This point of Virginia law has '
                                                           'not been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'Va. Code § 2.2-3705.7(3)'},
                 'guardian.age_unknown': {'citation': 'Va. Code § 2.2-3705.7(3)'},
                 'guardian.scope': {'citation': 'Va. Code § 2.2-3705.7(3)'},
                 'guardian.proof_missing': {'citation': 'Va. Code § 2.2-3705.7(3)'},
                 'law_enforcement.legal_instrument': {'citation': 'Va. Code § 2.2-3705.7(3)'},
                 'law_enforcement.no_instrument': {'citation': 'Va. Code § 2.2-3705.7(3)',
                                                   'explanation': 'Which legal documents '
                                                                  'Virginia law accepts has '
                                                                  'not been verified against '
                                                                  'the statute, so the desk '
                                                                  'takes the strictest '
                                                                  'reading until counsel '
                                                                  'confirms it: only a court '
                                                                  'order, presented to the '
                                                                  'Library Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'Va. Code § '
                                                                         '2.2-3705.7(3)',
                                                             'explanation': 'Which legal '
                                                                            'documents '
                                                                            'Virginia law '
                                                                            'accepts has not '
                                                                            'been verified '
                                                                            'against the '
                                                                            'statute, so the '
                                                                            'desk takes the '
                                                                            'strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'Va. Code § 2.2-3705.7(3)'},
                 'law_enforcement.emergency_identity': {'citation': 'Va. Code § '
                                                                    '2.2-3705.7(3)'},
                 'law_enforcement.emergency_identity_only': {'citation': 'Va. Code § '
                                                                         '2.2-3705.7(3)'},
                 'law_enforcement.emergency_with_notice': {'citation': 'Va. Code § '
                                                                       '2.2-3705.7(3)'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'Va. Code § '
                                                                          '2.2-3705.7(3)',
                                                              'explanation': 'Whether '
                                                                             'Virginia law '
                                                                             'has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'Va. Code § 2.2-3705.7(3)',
                                  'quote': '',
                                  'url': 'https://law.lis.virginia.gov/vacode/title2.2/chapter37/section2.2-3705.7/',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'Va. Code § 2.2-3705.7(3)',
                                'quote': '',
                                'url': 'https://law.lis.virginia.gov/vacode/title2.2/chapter37/section2.2-3705.7/',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'Va. Code § 2.2-3705.7(3)',
                                  'quote': '',
                                  'url': 'https://law.lis.virginia.gov/vacode/title2.2/chapter37/section2.2-3705.7/',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'Va. Code § 2.2-3705.7(3)',
                            'quote': '',
                            'url': 'https://law.lis.virginia.gov/vacode/title2.2/chapter37/section2.2-3705.7/',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'US-VT',
  'name': 'Vermont',
  'age_of_majority': 18,
  'parent_access': 'may',
  'parent_access_max_age': 12,
  'parent_access_proof': ['photo_id'],
  'parent_access_scope': ['registration',
                          'current_loans',
                          'loan_history',
                          'holds',
                          'fees',
                          'program_attendance',
                          'computer_use',
                          'reference'],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order', 'search_warrant'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': '22 V.S.A. § 172',
  'summary': 'Library records are confidential (22 V.S.A. § 172).',
  'rule_texts': {'guardian.parent_access': {'citation': '22 V.S.A. § 172 as amended by Act '
                                                        '150 (2024)',
                                            'explanation': 'Vermont law lets the library '
                                                           'disclose the records of a patron '
                                                           "under 12 to the patron's "
                                                           'custodial parent or guardian, '
                                                           'with a photo ID.'},
                 'guardian.not_permitted': {'citation': '22 V.S.A. § 172 as amended by Act '
                                                        '150 (2024)'},
                 'guardian.over_age_limit': {'citation': '22 V.S.A. § 172 as amended by Act '
                                                         '150 (2024)'},
                 'guardian.age_unknown': {'citation': '22 V.S.A. § 172 as amended by Act 150 '
                                                      '(2024)'},
                 'guardian.scope': {'citation': '22 V.S.A. § 172 as amended by Act 150 '
                                                '(2024)'},
                 'guardian.proof_missing': {'citation': '22 V.S.A. § 172 as amended by Act '
                                                        '150 (2024)'},
                 'law_enforcement.legal_instrument': {'citation': '22 V.S.A. § 172'},
                 'law_enforcement.no_instrument': {'citation': '22 V.S.A. § 172'},
                 'law_enforcement.instrument_not_accepted': {'citation': '22 V.S.A. § 172'},
                 'third_party.legal_instrument': {'citation': '22 V.S.A. § 172'},
                 'law_enforcement.emergency_identity': {'citation': '22 V.S.A. § 172'},
                 'law_enforcement.emergency_identity_only': {'citation': '22 V.S.A. § 172'},
                 'law_enforcement.emergency_with_notice': {'citation': '22 V.S.A. § 172'},
                 'law_enforcement.emergency_not_recognised': {'citation': '22 V.S.A. § 172'}},
  'sources': {'confidentiality': {'citation': '22 V.S.A. § 172',
                                  'quote': "a library patron's registration and transaction "
                                           'records shall remain confidential (Act 129 of '
                                           '2008, legislative summary)',
                                  'url': 'https://legislature.vermont.gov/statutes/section/22/004/00172',
                                  'checked_on': '2026-12-06',
                                  'status': 'secondary'},
              'parent_access': {'citation': '22 V.S.A. § 172 as amended by Act 150 (2024)',
                                'quote': 'to custodial parents or guardians of patrons under '
                                         'age 12 (Act 150 of 2024 lowered the age from 16; '
                                         'library notice of the change)',
                                'url': 'https://legislature.vermont.gov/statutes/section/22/004/00172',
                                'checked_on': '2026-12-06',
                                'status': 'secondary'},
              'law_enforcement': {'citation': '22 V.S.A. § 172',
                                  'quote': 'in response to an authorized judicial order or '
                                           'warrant directing disclosure (library policies '
                                           'quoting the section)',
                                  'url': 'https://legislature.vermont.gov/statutes/section/22/004/00172',
                                  'checked_on': '2026-12-06',
                                  'status': 'secondary'},
              'emergency': {'citation': '22 V.S.A. § 172',
                            'quote': '(no emergency exception listed)',
                            'url': 'https://legislature.vermont.gov/statutes/section/22/004/00172',
                            'checked_on': '2026-12-06',
                            'status': 'secondary'}}},
 {'jurisdiction_code': 'US-WA',
  'name': 'Washington',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'RCW 42.56.310',
  'summary': 'Library records are confidential (RCW 42.56.310). Not verified against the '
             'statute: parent access, legal instruments, emergencies; those points take the '
             'strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'RCW 42.56.310'},
                 'guardian.not_permitted': {'citation': 'RCW 42.56.310',
                                            'explanation': 'This point of Washington law has '
                                                           'not been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'RCW 42.56.310'},
                 'guardian.age_unknown': {'citation': 'RCW 42.56.310'},
                 'guardian.scope': {'citation': 'RCW 42.56.310'},
                 'guardian.proof_missing': {'citation': 'RCW 42.56.310'},
                 'law_enforcement.legal_instrument': {'citation': 'RCW 42.56.310'},
                 'law_enforcement.no_instrument': {'citation': 'RCW 42.56.310',
                                                   'explanation': 'Which legal documents '
                                                                  'Washington law accepts has '
                                                                  'not been verified against '
                                                                  'the statute, so the desk '
                                                                  'takes the strictest '
                                                                  'reading until counsel '
                                                                  'confirms it: only a court '
                                                                  'order, presented to the '
                                                                  'Library Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'RCW 42.56.310',
                                                             'explanation': 'Which legal '
                                                                            'documents '
                                                                            'Washington law '
                                                                            'accepts has not '
                                                                            'been verified '
                                                                            'against the '
                                                                            'statute, so the '
                                                                            'desk takes the '
                                                                            'strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'RCW 42.56.310'},
                 'law_enforcement.emergency_identity': {'citation': 'RCW 42.56.310'},
                 'law_enforcement.emergency_identity_only': {'citation': 'RCW 42.56.310'},
                 'law_enforcement.emergency_with_notice': {'citation': 'RCW 42.56.310'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'RCW 42.56.310',
                                                              'explanation': 'Whether '
                                                                             'Washington law '
                                                                             'has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'RCW 42.56.310',
                                  'quote': '',
                                  'url': 'https://app.leg.wa.gov/RCW/default.aspx?cite=42.56.310',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'RCW 42.56.310',
                                'quote': '',
                                'url': 'https://app.leg.wa.gov/RCW/default.aspx?cite=42.56.310',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'RCW 42.56.310',
                                  'quote': '',
                                  'url': 'https://app.leg.wa.gov/RCW/default.aspx?cite=42.56.310',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'RCW 42.56.310',
                            'quote': '',
                            'url': 'https://app.leg.wa.gov/RCW/default.aspx?cite=42.56.310',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'US-WI',
  'name': 'Wisconsin',
  'age_of_majority': 18,
  'parent_access': 'must',
  'parent_access_max_age': 16,
  'parent_access_proof': ['photo_id'],
  'parent_access_scope': ['registration',
                          'current_loans',
                          'loan_history',
                          'holds',
                          'fees',
                          'program_attendance',
                          'computer_use',
                          'reference'],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'Wis. Stat. 43.30',
  'summary': 'Library records are confidential and released only on a court order. The '
             "library must disclose a child's records to the custodial parent or guardian of "
             'a child under 16 who asks and shows proof of identity.',
  'sources': {'confidentiality': {'citation': 'Wis. Stat. 43.30(1m)',
                                  'quote': 'may not be disclosed except by court order or to '
                                           'persons acting within the scope of their duties',
                                  'url': 'https://docs.legis.wisconsin.gov/statutes/statutes/43/30',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'parent_access': {'citation': 'Wis. Stat. 43.30(4)',
                                'quote': 'Upon the request of a custodial parent or guardian '
                                         'of a child who is under the age of 16, a library '
                                         '... shall disclose',
                                'url': 'https://docs.legis.wisconsin.gov/statutes/statutes/43/30',
                                'checked_on': '2026-12-06',
                                'status': 'statute'},
              'law_enforcement': {'citation': 'Wis. Stat. 43.30(1m)',
                                  'quote': 'may not be disclosed except by court order',
                                  'url': 'https://docs.legis.wisconsin.gov/statutes/statutes/43/30',
                                  'checked_on': '2026-12-06',
                                  'status': 'statute'},
              'emergency': {'citation': 'Wis. Stat. 43.30(5)',
                            'quote': '',
                            'url': 'https://docs.legis.wisconsin.gov/statutes/statutes/43/30',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}},
  'rule_texts': {'guardian.parent_access': {'citation': 'Wis. Stat. 43.30(1m)',
                                            'explanation': 'Wisconsin law requires the '
                                                           'library to disclose the records '
                                                           'of a child under 16 to the '
                                                           "child's custodial parent or "
                                                           'guardian who asks and shows proof '
                                                           'of identity.'},
                 'guardian.proof_missing': {'citation': 'Wis. Stat. 43.30(1m)',
                                            'explanation': 'A parent or guardian must show a '
                                                           'photo ID (proof of identity) '
                                                           "before I can share a child's "
                                                           'records.'},
                 'guardian.over_age_limit': {'citation': 'Wis. Stat. 43.30(1m)'}}},
 {'jurisdiction_code': 'US-WV',
  'name': 'West Virginia',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'W. Va. Code § 10-1-22',
  'summary': 'Library records are confidential (W. Va. Code § 10-1-22). Not verified against '
             'the statute: parent access, legal instruments, emergencies; those points take '
             'the strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'W. Va. Code § 10-1-22'},
                 'guardian.not_permitted': {'citation': 'W. Va. Code § 10-1-22',
                                            'explanation': 'This point of West Virginia law '
                                                           'has not been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'W. Va. Code § 10-1-22'},
                 'guardian.age_unknown': {'citation': 'W. Va. Code § 10-1-22'},
                 'guardian.scope': {'citation': 'W. Va. Code § 10-1-22'},
                 'guardian.proof_missing': {'citation': 'W. Va. Code § 10-1-22'},
                 'law_enforcement.legal_instrument': {'citation': 'W. Va. Code § 10-1-22'},
                 'law_enforcement.no_instrument': {'citation': 'W. Va. Code § 10-1-22',
                                                   'explanation': 'Which legal documents West '
                                                                  'Virginia law accepts has '
                                                                  'not been verified against '
                                                                  'the statute, so the desk '
                                                                  'takes the strictest '
                                                                  'reading until counsel '
                                                                  'confirms it: only a court '
                                                                  'order, presented to the '
                                                                  'Library Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'W. Va. Code § '
                                                                         '10-1-22',
                                                             'explanation': 'Which legal '
                                                                            'documents West '
                                                                            'Virginia law '
                                                                            'accepts has not '
                                                                            'been verified '
                                                                            'against the '
                                                                            'statute, so the '
                                                                            'desk takes the '
                                                                            'strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'W. Va. Code § 10-1-22'},
                 'law_enforcement.emergency_identity': {'citation': 'W. Va. Code § 10-1-22'},
                 'law_enforcement.emergency_identity_only': {'citation': 'W. Va. Code § '
                                                                         '10-1-22'},
                 'law_enforcement.emergency_with_notice': {'citation': 'W. Va. Code § '
                                                                       '10-1-22'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'W. Va. Code § '
                                                                          '10-1-22',
                                                              'explanation': 'Whether West '
                                                                             'Virginia law '
                                                                             'has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'W. Va. Code § 10-1-22',
                                  'quote': '',
                                  'url': 'https://code.wvlegislature.gov/10-1-22/',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'W. Va. Code § 10-1-22',
                                'quote': '',
                                'url': 'https://code.wvlegislature.gov/10-1-22/',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'W. Va. Code § 10-1-22',
                                  'quote': '',
                                  'url': 'https://code.wvlegislature.gov/10-1-22/',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'W. Va. Code § 10-1-22',
                            'quote': '',
                            'url': 'https://code.wvlegislature.gov/10-1-22/',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}},
 {'jurisdiction_code': 'US-WY',
  'name': 'Wyoming',
  'age_of_majority': 18,
  'parent_access': 'never',
  'parent_access_max_age': 18,
  'parent_access_proof': [],
  'parent_access_scope': [],
  'cardholder_proof': ['card', 'photo_id'],
  'minor_can_share_with_guardian': True,
  'accepted_instruments': ['court_order'],
  'emergency_disclosure': 'none',
  'notify_patron_of_legal_request': True,
  'protected_records': ['registration',
                        'current_loans',
                        'loan_history',
                        'holds',
                        'fees',
                        'program_attendance',
                        'computer_use',
                        'reference'],
  'citation': 'Wyo. Stat. § 16-4-203(d)(ix)',
  'summary': 'Library records are confidential (Wyo. Stat. § 16-4-203(d)(ix)). Not verified '
             'against the statute: parent access, legal instruments, emergencies; those '
             'points take the strictest reading until counsel confirms them.',
  'rule_texts': {'guardian.parent_access': {'citation': 'Wyo. Stat. § 16-4-203(d)(ix)'},
                 'guardian.not_permitted': {'citation': 'Wyo. Stat. § 16-4-203(d)(ix)',
                                            'explanation': 'This point of Wyoming law has not '
                                                           'been verified against the '
                                                           'statute, so the desk takes the '
                                                           'strictest reading until counsel '
                                                           'confirms it: only the cardholder '
                                                           'is told, never a parent.'},
                 'guardian.over_age_limit': {'citation': 'Wyo. Stat. § 16-4-203(d)(ix)'},
                 'guardian.age_unknown': {'citation': 'Wyo. Stat. § 16-4-203(d)(ix)'},
                 'guardian.scope': {'citation': 'Wyo. Stat. § 16-4-203(d)(ix)'},
                 'guardian.proof_missing': {'citation': 'Wyo. Stat. § 16-4-203(d)(ix)'},
                 'law_enforcement.legal_instrument': {'citation': 'Wyo. Stat. § '
                                                                  '16-4-203(d)(ix)'},
                 'law_enforcement.no_instrument': {'citation': 'Wyo. Stat. § 16-4-203(d)(ix)',
                                                   'explanation': 'Which legal documents '
                                                                  'Wyoming law accepts has '
                                                                  'not been verified against '
                                                                  'the statute, so the desk '
                                                                  'takes the strictest '
                                                                  'reading until counsel '
                                                                  'confirms it: only a court '
                                                                  'order, presented to the '
                                                                  'Library Director.'},
                 'law_enforcement.instrument_not_accepted': {'citation': 'Wyo. Stat. § '
                                                                         '16-4-203(d)(ix)',
                                                             'explanation': 'Which legal '
                                                                            'documents '
                                                                            'Wyoming law '
                                                                            'accepts has not '
                                                                            'been verified '
                                                                            'against the '
                                                                            'statute, so the '
                                                                            'desk takes the '
                                                                            'strictest '
                                                                            'reading until '
                                                                            'counsel confirms '
                                                                            'it: only a court '
                                                                            'order, presented '
                                                                            'to the Library '
                                                                            'Director.'},
                 'third_party.legal_instrument': {'citation': 'Wyo. Stat. § 16-4-203(d)(ix)'},
                 'law_enforcement.emergency_identity': {'citation': 'Wyo. Stat. § '
                                                                    '16-4-203(d)(ix)'},
                 'law_enforcement.emergency_identity_only': {'citation': 'Wyo. Stat. § '
                                                                         '16-4-203(d)(ix)'},
                 'law_enforcement.emergency_with_notice': {'citation': 'Wyo. Stat. § '
                                                                       '16-4-203(d)(ix)'},
                 'law_enforcement.emergency_not_recognised': {'citation': 'Wyo. Stat. § '
                                                                          '16-4-203(d)(ix)',
                                                              'explanation': 'Whether Wyoming '
                                                                             'law has an '
                                                                             'emergency '
                                                                             'exception has '
                                                                             'not been '
                                                                             'verified '
                                                                             'against the '
                                                                             'statute, so the '
                                                                             'desk takes the '
                                                                             'strictest '
                                                                             'reading until '
                                                                             'counsel '
                                                                             'confirms it: no '
                                                                             'emergency '
                                                                             'exception; the '
                                                                             'Director acts '
                                                                             'only on a court '
                                                                             'order.'}},
  'sources': {'confidentiality': {'citation': 'Wyo. Stat. § 16-4-203(d)(ix)',
                                  'quote': '',
                                  'url': 'https://wyoleg.gov/statutes/compress/title16.pdf',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'parent_access': {'citation': 'Wyo. Stat. § 16-4-203(d)(ix)',
                                'quote': '',
                                'url': 'https://wyoleg.gov/statutes/compress/title16.pdf',
                                'checked_on': '2026-12-06',
                                'status': 'unverified'},
              'law_enforcement': {'citation': 'Wyo. Stat. § 16-4-203(d)(ix)',
                                  'quote': '',
                                  'url': 'https://wyoleg.gov/statutes/compress/title16.pdf',
                                  'checked_on': '2026-12-06',
                                  'status': 'unverified'},
              'emergency': {'citation': 'Wyo. Stat. § 16-4-203(d)(ix)',
                            'quote': '',
                            'url': 'https://wyoleg.gov/statutes/compress/title16.pdf',
                            'checked_on': '2026-12-06',
                            'status': 'unverified'}}}]


def add_presets(apps, schema_editor):
    RuleSet = apps.get_model("privacy", "JurisdictionRuleSet")
    for preset in PRESETS:
        data = copy.deepcopy(preset)
        code = data.pop("jurisdiction_code")
        if code in SEED_CODES:
            RuleSet.objects.filter(jurisdiction_code=code, effective_from="2000-01-01").update(
                sources=data["sources"]
            )
            continue
        RuleSet.objects.get_or_create(
            jurisdiction_code=code,
            effective_from="2000-01-01",
            defaults={
                **data,
                "change_note": "Preset shipped with the product; confirm with counsel.",
            },
        )


def remove_presets(apps, schema_editor):
    RuleSet = apps.get_model("privacy", "JurisdictionRuleSet")
    RuleSet.objects.filter(
        jurisdiction_code__in=[
            p["jurisdiction_code"] for p in PRESETS if p["jurisdiction_code"] not in SEED_CODES
        ],
        effective_from="2000-01-01",
    ).delete()
    RuleSet.objects.filter(jurisdiction_code__in=SEED_CODES, effective_from="2000-01-01").update(
        sources={}
    )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0004_ruleset_sources_and_counsel_confirmation")]

    operations = [migrations.RunPython(add_presets, remove_presets)]
