package corpus

import "strings"

// The word lists are constants, split into slices by newVocab, so that the
// package holds no mutable state: every Site call builds its own vocab.
const (
	tagList = `frontier-models compute open-source safety-testing red-teaming
transparency accountability liability copyright data-protection
biometrics surveillance elections misinformation deepfakes labour
education healthcare finance defence autonomous-weapons cybersecurity
critical-infrastructure standards audits watermarking incident-reporting
export-controls chips energy climate children human-rights
non-discrimination explainability procurement sandboxes
international-cooperation global-south research-funding talent`

	syllableStarts = `Val Nor Kes Ar Bel Cor Dra El Fen Gal Har Is Jor Kal Lum Mar Nev
Or Pel Quin Ros Sar Tal Ul Ven Wes Xan Yar Zel Tor`
	syllableMiddles = `a e i o ra ri do ne la ve`
	syllableEnds    = `ria land stan via nia ca mark sia dor tia`

	companyStarts = `Quant Neur Syn Cogn Dat Lum Vert Ax Hel Opt Arc Zen Nov Ster Prism
Kin Flux Cort Mer Ion Vek Pol Orb Tess Rhe Sol Gen Lex Nim Cal`
	companyEnds     = `ex ara ica ion ify ent os ia um on yx al`
	companyMids     = `Neural|Deep|Open|Applied|Cognitive|Quantum|Frontier|Bright|Signal|Vector`
	companySuffixes = `AI|Labs|Systems|Technologies|Robotics|Analytics|Dynamics|Intelligence|Networks|Cloud`

	firstNames = `Amara Ben Chen Dara Elif Farid Grace Hana Ivan Jonas Kavya Liam Mei
Nadia Omar Priya Quentin Rosa Sami Tariq Uma Vera Wen Xavier Yara Zoe Aiko Bruno
Chiara Diego Emeka Fatima Gustav Hiroshi Ingrid Joao Kofi Lena Mateo Nia Olga Pavel
Rania Soren Thandiwe Ulla Viktor Wanjiru Yusuf Zainab Anika Bilal Camila Dmitri Esther
Felix Greta Hugo Isla`
	lastNames = `Okafor Lindqvist Tanaka Moreau Haddad Novak Fernandes Kowalski Mensah
Schmidt Rossi Nakamura Osei Petrov Silva Andersen Dubois Kim Park Nguyen Singh Rahman
Ibrahim Costa Weber Jansen Horvat Kaplan Mwangi Abara Laurent Varga Herrera Byrne
Sato Lindgren Adeyemi Castro Fischer Hakimi Iyer Jovanovic Keller Lopez Mahlangu Nowak
Ortega Pereira Quispe Reyes Sorensen Takahashi Usman Vogel Wojcik Xu Yilmaz Zhou Bauer Eze`

	orgAdjectives = `Global|International|European|Pan-Oceanic|Northern|Southern|Atlantic|Pacific|Continental|United|Open|Independent|Joint|Regional|Transnational|Coastal|Highland|Central|Eastern|Western`
	orgTopics     = `AI Safety|Algorithmic Accountability|Digital Rights|Machine Learning Standards|Data Governance|AI Ethics|Responsible Computing|Technology Policy|Automated Decision Systems|AI Security|Compute Governance|Trustworthy AI|AI Research|Digital Trade|Online Safety|Model Evaluation|AI and Labour|Synthetic Media|AI in Health|Public Interest Technology`
	orgNouns      = `Institute|Council|Agency|Partnership|Observatory|Foundation|Network|Alliance|Commission|Centre|Forum|Association|Consortium|Board|Authority`
	blocNouns     = `Union|Alliance|Economic Community|Cooperation Council|Economic Forum|Free Trade Area|Partnership|Commonwealth|League|Compact`

	initiativeTopics = `Artificial Intelligence|Trustworthy AI|Frontier AI Safety|Algorithmic Transparency|Automated Decision-Making|AI Liability|Biometric Surveillance|Generative AI|AI in Public Services|Data Protection and AI|Synthetic Media|AI Research and Innovation|Compute Infrastructure|AI Skills|Responsible AI|AI Risk Management|Autonomous Weapons|AI and Elections|Child Safety Online|AI Standards|Open-Source AI|AI Incident Reporting|Foundation Models|AI Procurement|Digital Sovereignty|AI and Employment|Algorithmic Fairness|AI Audits|Model Evaluation|Content Provenance|AI Safety Institutes|Cross-Border Data Flows|AI Export Controls|Facial Recognition|Recommender Systems|Chatbots|AI in Healthcare|AI in Finance|AI Energy Use|Critical Infrastructure Security`

	eventNouns  = `Summit|Forum|Conference|Dialogue|Roundtable|Workshop|Ministerial|Symposium|Convening|Assembly`
	eventTopics = `AI Safety|AI Governance|Digital|Responsible AI|AI Action|Inclusive AI|Tech Policy|AI Standards|AI for Good|Frontier AI`

	riskQualifiers = `Large-scale|Organised|Systemic|Covert|Industrial-scale|Cross-border|Persistent|Emerging|Unchecked|Cascading|Opaque|Undetected|Rapid|Widespread|Gradual`
	riskSectors    = `lending|hiring|policing|healthcare|education|elections|insurance|housing|welfare services|border control|social media|news media|banking|energy grids|water systems|transport|defence|telecommunications|retail|agriculture|courts|migration|journalism|scientific research|software supply chains|customer service|advertising|gaming|messaging apps|public administration|pharmaceuticals|biotechnology|manufacturing|logistics|legal services|tax administration|child services|mental health|online marketplaces|search engines`

	actorList = `governments|regulators|developers|deployers|auditors|citizens|researchers|companies|agencies|courts|legislators|observers|ministers|standards bodies|civil society groups`

	nouns = `framework obligation oversight model system risk assessment audit
transparency accountability provider deployer regulator threshold evaluation
incident report standard safeguard dataset benchmark capability deployment
liability registry sandbox mandate consultation guideline principle review
mechanism authority commitment disclosure inventory procurement certification
compliance enforcement cooperation partnership roadmap strategy agenda
declaration protocol moratorium exemption penalty notification`
	verbs = `requires establishes clarifies extends limits strengthens introduces
defines coordinates monitors restricts promotes harmonises supports mandates
reviews evaluates addresses prioritises reinforces balances anticipates shapes
informs enables constrains`
	adjectives = `high-risk general-purpose binding voluntary national regional global
independent transparent proportionate robust systemic emerging technical
cross-border sector-specific risk-based mandatory public private open
trustworthy accountable frontier critical interoperable`
	connectives = `In practice,|As a result,|By contrast,|In addition,|Over time,|Critics argue that|Supporters note that|According to officials,|During negotiations,|In the first year,|For this reason,|Meanwhile,`

	subheadings = `Scope and definitions|Key obligations|Enforcement|Timeline of adoption|Criticism|Related instruments|Funding|Stakeholder views|Open questions|Comparison with other regimes|Technical annex|Governance structure|Reporting duties|Exemptions|Evaluation methods|Case studies|Lessons learned|Data and evidence|Institutional design|Future work|Public consultation|Implementation status|International dimension|Legal basis|Budget and resources|Membership|Decision-making|Notable statements|Research agenda|Outstanding issues`

	roles = `Minister for Digital Affairs|Chief Scientist|Special Envoy for Technology|Director of AI Policy|Member of Parliament|Chief Executive Officer|Head of Research|Data Protection Commissioner|Secretary-General|Senior Advisor on AI|Professor of Computer Science|Chair of the Standards Committee`

	publishers = `Official Journal|Ministry of Digital Affairs|Parliamentary Record|Policy Review|Tech Governance Weekly|Global AI Observatory|The Standards Bulletin|Press Office|Research Institute Report|Newswire`
)

// vocab holds the word lists a generator draws from.
type vocab struct {
	tags                                         []string
	sylStart, sylMid, sylEnd                     []string
	coStart, coEnd, coMid, coSuffix              []string
	first, last                                  []string
	orgAdj, orgTopic, orgNoun, blocNoun          []string
	initTopic, eventNoun, eventTopic             []string
	riskQual, riskSector                         []string
	actors, nouns, verbs, adjectives, connectors []string
	subheadings, roles, publishers               []string
}

// newVocab splits the constant lists; space-separated lists hold single
// words, bar-separated ones hold phrases.
func newVocab() *vocab {
	bars := func(s string) []string { return strings.Split(s, "|") }
	return &vocab{
		tags:        strings.Fields(tagList),
		sylStart:    strings.Fields(syllableStarts),
		sylMid:      strings.Fields(syllableMiddles),
		sylEnd:      strings.Fields(syllableEnds),
		coStart:     strings.Fields(companyStarts),
		coEnd:       strings.Fields(companyEnds),
		coMid:       bars(companyMids),
		coSuffix:    bars(companySuffixes),
		first:       strings.Fields(firstNames),
		last:        strings.Fields(lastNames),
		orgAdj:      bars(orgAdjectives),
		orgTopic:    bars(orgTopics),
		orgNoun:     bars(orgNouns),
		blocNoun:    bars(blocNouns),
		initTopic:   bars(initiativeTopics),
		eventNoun:   bars(eventNouns),
		eventTopic:  bars(eventTopics),
		riskQual:    bars(riskQualifiers),
		riskSector:  bars(riskSectors),
		actors:      bars(actorList),
		nouns:       strings.Fields(nouns),
		verbs:       strings.Fields(verbs),
		adjectives:  strings.Fields(adjectives),
		connectors:  bars(connectives),
		subheadings: bars(subheadings),
		roles:       bars(roles),
		publishers:  bars(publishers),
	}
}
