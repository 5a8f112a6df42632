package corpus

// pageType is one of the four types of the built-in schema.
type pageType int

const (
	participant pageType = iota
	initiative
	risk
	event
	numTypes
)

// folder is the content folder that gives a page its type.
func (t pageType) folder() string {
	switch t {
	case participant:
		return "participants"
	case initiative:
		return "initiatives"
	case risk:
		return "risks"
	default:
		return "events"
	}
}

// share is the type's part of the site, in percent; they add up to 100.
func (t pageType) share() int {
	switch t {
	case participant:
		return 35
	case initiative:
		return 30
	case risk:
		return 15
	default:
		return 20
	}
}

// headings are the "##" sections every page of the type has, so that
// [[x#Heading]] links can be made valid without reading the target's body.
func (t pageType) headings() []string {
	switch t {
	case participant:
		return []string{"Profile", "Positions", "Activities"}
	case initiative:
		return []string{"Background", "Key provisions", "Implementation", "Reception"}
	case risk:
		return []string{"Description", "Examples", "Mitigation"}
	default:
		return []string{"Agenda", "Outcomes", "Follow-up"}
	}
}

// relation is one relation of the built-in schema: the field that holds
// it and the type its targets must have.
type relation struct {
	field  string
	source pageType
	target pageType
}

// relations lists every relation of the built-in schema, in the order
// their fields are written.
func relations() []relation {
	return []relation{
		{"proposed_by", initiative, participant},
		{"parties", initiative, participant},
		{"addresses", initiative, risk},
		{"announced_at", initiative, event},
		{"builds_on", initiative, initiative},
		{"supersedes", initiative, initiative},
		{"related", risk, risk},
		{"member_of", participant, participant},
		{"represents", participant, participant},
		{"hosts", event, participant},
		{"attendees", event, participant},
	}
}

// The enum values of the built-in schema.
func participantKinds() []string {
	return []string{"country", "bloc", "organisation", "company", "person"}
}

func initiativeKinds() []string {
	return []string{"declaration", "action-plan", "law", "regulation", "executive-order",
		"treaty", "resolution", "principles", "code-of-conduct", "strategy", "organisation", "framework"}
}

func initiativeStatuses() []string {
	return []string{"proposed", "adopted", "signed", "in-force", "superseded", "revoked"}
}

func scopes() []string { return []string{"national", "regional", "multilateral", "global"} }

func riskDomains() []string {
	return []string{"discrimination-toxicity", "privacy-security", "misinformation", "malicious-use",
		"human-computer-interaction", "socioeconomic-environmental", "ai-system-safety"}
}

// harms gives phrases for risk titles, by domain, in riskDomains order.
func harms() [][]string {
	return [][]string{
		{"Biased scoring", "Toxic content generation", "Unequal error rates", "Stereotyping", "Exclusion of minority languages", "Discriminatory profiling"},
		{"Training data leakage", "Re-identification", "Model inversion attacks", "Prompt injection", "Mass surveillance", "Credential theft"},
		{"Synthetic news", "Deepfake impersonation", "Coordinated inauthentic behaviour", "Hallucinated citations", "Voice cloning fraud", "Polluted information ecosystems"},
		{"Automated cyberattacks", "Bioweapon uplift", "Targeted harassment", "Scaled phishing", "Weaponised drones", "Automated fraud"},
		{"Overreliance on assistants", "Manipulative design", "Emotional dependence", "Loss of human agency", "Anthropomorphic deception", "Automation bias"},
		{"Job displacement", "Concentration of market power", "Energy and water use", "Widening digital divides", "Deskilling", "Erosion of creative income"},
		{"Goal misgeneralisation", "Loss of control", "Deceptive model behaviour", "Unsafe autonomous agents", "Reward hacking", "Capability overhang"},
	}
}

// initiativeNoun is the word a title uses for an initiative of each kind,
// in initiativeKinds order.
func initiativeNouns() []string {
	return []string{"Declaration", "Action Plan", "Act", "Regulation", "Executive Order",
		"Convention", "Resolution", "Principles", "Code of Conduct", "Strategy", "Office", "Framework"}
}
