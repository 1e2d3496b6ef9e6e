/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-starter-taxonomy"

#include "config.h"

#include <string.h>

#include "wb-import.h"
#include "wb-store-private.h"

/* A Dutch starter taxonomy written for the target group: the competences that matter in
 * entry-level work and the occupations that account managers place most. ESCO, when
 * imported, adds its own alongside. Each competence: slug, Dutch label, English label,
 * kind (skill, knowledge or transversal). */
typedef struct {
  const char *slug;
  const char *label_nl;
  const char *label_en;
  const char *kind;
} StarterCompetence;

#define S(slug, nl, en) { slug, nl, en, "skill" }
#define K(slug, nl, en) { slug, nl, en, "knowledge" }
#define T(slug, nl, en) { slug, nl, en, "transversal" }

static const StarterCompetence competences[] = {
  /* Work attitude and transversal competences */
  T ("punctuality", "Op tijd komen", "punctuality"),
  T ("reliability", "Betrouwbaarheid", "reliability"),
  T ("teamwork", "Samenwerken", "working in a team"),
  T ("accuracy", "Nauwkeurig werken", "working accurately"),
  T ("stress-resistance", "Stressbestendigheid", "coping with pressure"),
  T ("independence", "Zelfstandig werken", "working independently"),
  T ("following-instructions", "Instructies opvolgen", "following instructions"),
  T ("flexibility", "Flexibiliteit", "flexibility"),
  T ("motivation", "Gemotiveerd werken", "motivation to work"),
  T ("customer-friendliness", "Klantvriendelijkheid", "customer friendliness"),
  T ("communication", "Communiceren", "communicating"),
  T ("listening", "Luisteren", "active listening"),
  T ("perseverance", "Doorzettingsvermogen", "perseverance"),
  T ("learning-ability", "Leervermogen", "willingness to learn"),
  T ("planning-own-work", "Eigen werk plannen", "planning one's own work"),
  T ("problem-solving", "Problemen oplossen", "solving problems"),
  T ("taking-initiative", "Initiatief nemen", "taking initiative"),
  T ("dealing-with-feedback", "Omgaan met feedback", "dealing with feedback"),
  T ("self-care", "Zorg voor eigen gezondheid op het werk", "looking after one's health at work"),
  T ("hygiene", "Persoonlijke hygiëne", "personal hygiene"),
  T ("representative", "Representatief voorkomen", "professional appearance"),
  T ("physical-fitness", "Fysiek zwaar werk aankunnen", "coping with physical work"),
  T ("standing-work", "Staand werk aankunnen", "working on one's feet"),
  T ("shift-work", "Werken in ploegendienst", "working in shifts"),
  T ("weekend-work", "Werken in het weekend", "working weekends"),
  T ("repetitive-work", "Repeterend werk volhouden", "sustaining repetitive work"),
  T ("concentration", "Concentratie vasthouden", "sustaining concentration"),
  T ("empathy", "Inlevingsvermogen", "empathy"),
  T ("patience", "Geduld", "patience"),
  T ("integrity", "Integriteit", "integrity"),
  T ("cultural-awareness", "Omgaan met culturele verschillen", "intercultural competence"),
  T ("conflict-handling", "Omgaan met conflicten", "handling conflicts"),
  T ("time-management", "Timemanagement", "time management"),
  T ("safety-awareness", "Veiligheidsbewust werken", "working safely"),
  T ("quality-awareness", "Kwaliteitsbewust werken", "quality awareness"),
  T ("neatness", "Netjes en ordelijk werken", "working tidily"),
  T ("service-orientation", "Servicegericht werken", "service orientation"),
  T ("result-orientation", "Resultaatgericht werken", "result orientation"),
  T ("collegiality", "Collegialiteit", "collegiality"),
  T ("dealing-with-rules", "Omgaan met regels en afspraken", "keeping to rules and agreements"),
  T ("asking-for-help", "Hulp vragen", "asking for help"),
  T ("working-under-supervision", "Werken onder begeleiding", "working under supervision"),
  T ("tact", "Tactvol optreden", "acting with tact"),
  T ("hospitality-attitude", "Gastvrijheid", "hospitality"),
  T ("environmental-awareness", "Duurzaam en milieubewust werken", "working sustainably"),
  /* Language, numeracy and digital basics */
  S ("dutch-speaking", "Nederlands spreken", "speaking Dutch"),
  S ("dutch-understanding", "Nederlands verstaan", "understanding spoken Dutch"),
  S ("dutch-reading", "Nederlands lezen", "reading Dutch"),
  S ("dutch-writing", "Nederlands schrijven", "writing Dutch"),
  S ("english-basic", "Basis Engels", "basic English"),
  S ("german-basic", "Basis Duits", "basic German"),
  S ("arithmetic", "Basisrekenen", "basic arithmetic"),
  S ("measuring", "Meten en afmeten", "measuring"),
  S ("money-handling", "Omgaan met geld", "handling money"),
  S ("computer-basics", "Basisvaardigheden computer", "basic computer skills"),
  S ("smartphone-apps", "Werken met apps op een smartphone", "using smartphone apps"),
  S ("email", "E-mail gebruiken", "using e-mail"),
  S ("office-software", "Werken met Word en Excel", "using office software"),
  S ("data-entry", "Gegevens invoeren", "entering data"),
  S ("scanner-use", "Werken met een handscanner", "using a hand scanner"),
  S ("online-forms", "Online formulieren invullen", "filling in online forms"),
  S ("digid-skills", "Digitale zelfredzaamheid", "digital self-reliance"),
  S ("french-basic", "Basis Frans", "basic French"),
  S ("reading-work-instructions", "Werkinstructies lezen", "reading work instructions"),
  S ("timesheets", "Urenbriefje invullen", "filling in timesheets"),
  S ("video-calling", "Videobellen", "using video calls"),
  S ("online-safety", "Veilig online werken", "staying safe online"),
  K ("workplace-vocabulary", "Vaktaal van de werkvloer", "workplace vocabulary"),
  /* Customer contact, retail and call centre */
  S ("customer-contact", "Klanten te woord staan", "serving customers"),
  S ("telephone-skills", "Telefoneren met klanten", "handling customer calls"),
  S ("complaint-handling", "Klachten afhandelen", "handling complaints"),
  S ("advising-customers", "Klanten adviseren", "advising customers"),
  S ("cash-register", "Kassa bedienen", "operating a cash register"),
  S ("shelf-stacking", "Vakken vullen", "stocking shelves"),
  S ("product-presentation", "Producten presenteren", "presenting products"),
  S ("stock-counting", "Voorraad tellen", "counting stock"),
  S ("receiving-deliveries", "Leveringen in ontvangst nemen", "receiving deliveries"),
  S ("pricing", "Prijzen aanbrengen", "pricing goods"),
  S ("selling", "Verkopen", "selling"),
  S ("fresh-products", "Werken met versproducten", "handling fresh produce"),
  S ("crm-systems", "Werken met een klantsysteem", "using a CRM system"),
  S ("script-following", "Gesprekken volgens script voeren", "following a call script"),
  S ("appointment-making", "Afspraken inplannen", "scheduling appointments"),
  S ("reception", "Bezoekers ontvangen", "receiving visitors"),
  S ("switchboard", "Telefooncentrale bedienen", "operating a switchboard"),
  S ("chat-support", "Klanten via chat helpen", "supporting customers by chat"),
  S ("bake-off", "Afbakken in de winkel", "baking off bread in store"),
  S ("shoplifting-prevention", "Winkeldiefstal signaleren", "spotting shoplifting"),
  S ("gift-wrapping", "Cadeaus inpakken", "gift wrapping"),
  /* Logistics and warehouse */
  S ("order-picking", "Orders verzamelen", "order picking"),
  S ("packing", "Inpakken", "packing goods"),
  S ("loading-unloading", "Laden en lossen", "loading and unloading"),
  S ("pallet-truck", "Werken met een pompwagen", "operating a pallet truck"),
  S ("electric-pallet-truck", "Werken met een elektrische pallettruck", "operating an electric pallet truck"),
  S ("forklift", "Heftruck rijden", "operating a forklift"),
  S ("reach-truck", "Reachtruck rijden", "operating a reach truck"),
  S ("warehouse-management-system", "Werken met een magazijnsysteem", "using a warehouse management system"),
  S ("inventory-control", "Voorraadbeheer", "inventory control"),
  S ("returns-processing", "Retouren verwerken", "processing returns"),
  S ("shipping-documents", "Vrachtpapieren controleren", "checking shipping documents"),
  S ("sorting-parcels", "Pakketten sorteren", "sorting parcels"),
  S ("lifting-technique", "Tillen met de juiste techniek", "safe lifting technique"),
  S ("driving-van", "Bestelbus rijden", "driving a delivery van"),
  S ("driving-truck", "Vrachtwagen rijden", "driving a truck"),
  S ("route-planning", "Routes plannen", "planning routes"),
  S ("parcel-delivery", "Pakketten bezorgen", "delivering parcels"),
  S ("medical-goods-handling", "Werken met medische goederen", "handling medical goods"),
  S ("cold-chain", "Werken in de koelketen", "working in the cold chain"),
  K ("logistics-processes", "Kennis van logistieke processen", "knowledge of logistics processes"),
  S ("cross-docking", "Goederen direct doorzetten (cross-docking)", "cross-docking"),
  S ("labelling-goods", "Goederen etiketteren", "labelling goods"),
  S ("pallet-wrapping", "Pallets stapelen en wikkelen", "stacking and wrapping pallets"),
  S ("container-unloading", "Containers lossen", "unloading containers"),
  S ("tachograph", "Werken met de tachograaf", "using a tachograph"),
  K ("dangerous-goods", "Kennis van gevaarlijke stoffen (ADR)", "knowledge of dangerous goods (ADR)"),
  /* Production, assembly and technology */
  S ("machine-operation", "Machine bedienen", "operating a machine"),
  S ("machine-setup", "Machine instellen", "setting up a machine"),
  S ("assembly", "Monteren", "assembling products"),
  S ("quality-control", "Kwaliteit controleren", "checking quality"),
  S ("visual-inspection", "Visueel inspecteren", "visual inspection"),
  S ("production-line", "Werken aan een productielijn", "working on a production line"),
  S ("hand-tools", "Werken met handgereedschap", "using hand tools"),
  S ("power-tools", "Werken met elektrisch gereedschap", "using power tools"),
  S ("reading-drawings", "Technische tekeningen lezen", "reading technical drawings"),
  S ("welding", "Lassen", "welding"),
  S ("metalworking", "Metaalbewerking", "metalworking"),
  S ("sheet-metal", "Plaatwerk", "sheet metal work"),
  S ("woodworking", "Houtbewerking", "woodworking"),
  S ("painting", "Schilderen", "painting"),
  S ("electrical-basics", "Basis elektrotechniek", "basic electrical work"),
  S ("installation-basics", "Basis installatietechniek", "basic installation work"),
  S ("maintenance-basics", "Eenvoudig onderhoud uitvoeren", "basic maintenance"),
  S ("car-maintenance", "Auto-onderhoud", "car maintenance"),
  S ("tyre-fitting", "Banden wisselen", "fitting tyres"),
  S ("car-cleaning", "Auto's reinigen en poetsen", "cleaning and valeting cars"),
  S ("automotive-assembly", "Montage in de autoproductie", "automotive assembly"),
  S ("soldering", "Solderen", "soldering"),
  S ("cable-assembly", "Kabels assembleren", "assembling cables"),
  S ("packaging-machine", "Verpakkingsmachine bedienen", "operating a packaging machine"),
  S ("food-production", "Werken in de voedingsmiddelenproductie", "working in food production"),
  S ("cleanroom", "Werken in een cleanroom", "working in a cleanroom"),
  S ("recycling-sorting", "Afval en grondstoffen sorteren", "sorting waste and materials"),
  S ("3d-printing", "3D-printer bedienen", "operating a 3D printer"),
  S ("cnc-basics", "Basis CNC-bediening", "basic CNC operation"),
  S ("drilling", "Boren en tappen", "drilling and tapping"),
  S ("gluing", "Lijmen en kitten", "gluing and sealing"),
  S ("sewing", "Naaien", "sewing"),
  S ("sanding", "Schuren", "sanding"),
  S ("weighing-dosing", "Wegen en doseren", "weighing and dosing"),
  S ("reporting-faults", "Storingen melden", "reporting faults"),
  K ("lean-5s", "Werken volgens 5S en lean", "5S and lean working"),
  K ("vca-safety", "VCA-veiligheid", "VCA safety certificate"),
  K ("haccp", "HACCP-hygiënecode", "HACCP food hygiene"),
  K ("iso-procedures", "Werken volgens procedures (ISO)", "working to ISO procedures"),
  K ("technical-insight", "Technisch inzicht", "technical insight"),
  K ("materials-knowledge", "Materiaalkennis", "knowledge of materials"),
  /* Cleaning and facility services */
  S ("cleaning-offices", "Kantoren schoonmaken", "cleaning offices"),
  S ("cleaning-sanitary", "Sanitair reinigen", "cleaning sanitary facilities"),
  S ("cleaning-machines", "Schoonmaakmachines bedienen", "operating cleaning machines"),
  S ("window-cleaning", "Glazenwassen", "window cleaning"),
  S ("cleaning-agents", "Werken met schoonmaakmiddelen", "using cleaning agents"),
  S ("hospital-cleaning", "Schoonmaken in de zorg", "cleaning in healthcare"),
  S ("laundry", "Wasserij werk", "laundry work"),
  S ("ironing", "Strijken", "ironing"),
  S ("facility-support", "Facilitaire ondersteuning", "facility support"),
  S ("mail-room", "Post sorteren en rondbrengen", "sorting and delivering mail"),
  S ("catering-service", "Catering verzorgen", "providing catering"),
  S ("security-rounds", "Surveillance lopen", "security patrols"),
  S ("access-control", "Toegangscontrole", "access control"),
  S ("floor-care", "Vloeronderhoud", "floor maintenance"),
  S ("waste-separation", "Afval scheiden", "separating waste"),
  S ("disinfection", "Desinfecteren", "disinfecting surfaces"),
  /* Hospitality and kitchen */
  S ("food-preparation", "Eten bereiden", "preparing food"),
  S ("cooking-basic", "Eenvoudig koken", "basic cooking"),
  S ("cutting-vegetables", "Groenten snijden", "cutting vegetables"),
  S ("dishwashing", "Afwassen", "dishwashing"),
  S ("kitchen-hygiene", "Keukenhygiëne", "kitchen hygiene"),
  S ("serving-tables", "Bedienen aan tafel", "waiting tables"),
  S ("bar-work", "Achter de bar werken", "bar work"),
  S ("coffee-making", "Koffie zetten (barista)", "making coffee"),
  S ("taking-orders", "Bestellingen opnemen", "taking orders"),
  S ("table-setting", "Tafels dekken", "laying tables"),
  S ("room-cleaning", "Hotelkamers schoonmaken", "cleaning hotel rooms"),
  S ("bed-making", "Bedden opmaken", "making beds"),
  S ("buffet", "Buffet verzorgen", "running a buffet"),
  S ("food-allergens", "Rekening houden met allergenen", "handling food allergens"),
  S ("guest-welcome", "Gasten ontvangen", "welcoming guests"),
  S ("event-support", "Evenementen ondersteunen", "supporting events"),
  S ("attraction-operation", "Attractie bedienen", "operating an attraction"),
  S ("ticket-sales", "Kaartjes verkopen", "selling tickets"),
  S ("baking", "Bakken", "baking"),
  S ("sandwich-making", "Broodjes beleggen", "making sandwiches"),
  S ("cashing-up", "Kassa opmaken", "cashing up"),
  S ("mise-en-place", "Mise-en-place verzorgen", "preparing mise en place"),
  /* Care and welfare */
  S ("personal-care", "Persoonlijke verzorging", "personal care"),
  S ("household-support", "Huishoudelijke ondersteuning", "household support"),
  S ("elderly-support", "Ouderen ondersteunen", "supporting older people"),
  S ("disability-support", "Mensen met een beperking begeleiden", "supporting people with disabilities"),
  S ("childcare", "Kinderen opvangen", "childcare"),
  S ("meal-support", "Hulp bij maaltijden", "helping with meals"),
  S ("activity-support", "Activiteiten begeleiden", "supervising activities"),
  S ("reporting-care", "Rapporteren in de zorg", "reporting in care"),
  S ("lifting-aids", "Werken met tilhulpmiddelen", "using lifting aids"),
  S ("first-aid", "Eerste hulp (EHBO)", "first aid"),
  S ("bhv", "Bedrijfshulpverlening (BHV)", "company emergency response"),
  S ("patient-transport", "Patiënten vervoeren", "transporting patients"),
  S ("host-care", "Gastvrouw of gastheer in de zorg", "hosting in a care setting"),
  S ("medication-awareness", "Medicatie signaleren", "noticing medication issues"),
  K ("privacy-care", "Omgaan met privacy in de zorg", "privacy in care"),
  K ("dementia-awareness", "Kennis van dementie", "knowledge of dementia"),
  S ("companionship", "Gezelschap bieden", "providing companionship"),
  S ("signalling-changes", "Veranderingen bij cliënten signaleren", "noticing changes in clients"),
  S ("wheelchair-handling", "Rolstoel duwen en begeleiden", "handling a wheelchair"),
  /* Green, agriculture and outdoor */
  S ("gardening", "Tuinonderhoud", "garden maintenance"),
  S ("mowing", "Maaien", "mowing"),
  S ("pruning", "Snoeien", "pruning"),
  S ("planting", "Planten", "planting"),
  S ("weeding", "Onkruid verwijderen", "weeding"),
  S ("paving", "Bestraten", "paving"),
  S ("leaf-blower", "Bladblazer en bosmaaier bedienen", "operating garden machinery"),
  S ("greenhouse-work", "Werken in de kas", "greenhouse work"),
  S ("harvesting", "Oogsten", "harvesting"),
  S ("animal-care", "Dieren verzorgen", "animal care"),
  S ("street-cleaning", "Openbare ruimte schoonhouden", "cleaning public spaces"),
  K ("plant-knowledge", "Plantenkennis", "knowledge of plants"),
  S ("hedge-trimming", "Heggen knippen", "trimming hedges"),
  S ("tree-care-basic", "Eenvoudig boomonderhoud", "basic tree care"),
  S ("chainsaw", "Werken met een kettingzaag", "using a chainsaw"),
  S ("tractor", "Trekker rijden", "driving a tractor"),
  /* Construction */
  S ("construction-helper", "Hulpwerkzaamheden in de bouw", "construction labouring"),
  S ("demolition", "Sloopwerk", "demolition work"),
  S ("bricklaying-basic", "Eenvoudig metselwerk", "basic bricklaying"),
  S ("scaffolding-basic", "Steigerbouw ondersteunen", "assisting with scaffolding"),
  S ("tiling", "Tegelzetten", "tiling"),
  S ("plastering", "Stukadoren", "plastering"),
  S ("insulation", "Isoleren", "insulating buildings"),
  S ("site-cleaning", "Bouwplaats opruimen", "cleaning building sites"),
  S ("solar-panels", "Zonnepanelen monteren", "installing solar panels"),
  S ("road-works", "Wegenbouw ondersteunen", "assisting with road works"),
  S ("carpentry-basic", "Eenvoudig timmerwerk", "basic carpentry"),
  S ("concrete-work", "Betonwerk ondersteunen", "assisting with concrete work"),
  S ("drywall", "Systeemwanden plaatsen", "installing drywall"),
  /* Administration and office */
  S ("filing", "Archiveren", "filing documents"),
  S ("scanning-documents", "Documenten scannen", "scanning documents"),
  S ("mail-processing", "Post verwerken", "processing mail"),
  S ("invoice-processing", "Facturen verwerken", "processing invoices"),
  S ("agenda-management", "Agenda beheren", "managing a diary"),
  S ("copying-printing", "Kopiëren en printen", "copying and printing"),
  S ("spreadsheets", "Werken met spreadsheets", "using spreadsheets"),
  S ("bookkeeping-basic", "Basis boekhouden", "basic bookkeeping"),
  S ("correspondence", "Correspondentie verzorgen", "handling correspondence"),
  S ("data-checking", "Gegevens controleren", "checking data"),
  S ("minute-taking", "Notuleren", "taking minutes"),
  K ("privacy-avg", "Kennis van de AVG", "knowledge of GDPR"),
  /* Smart services and ICT support */
  S ("it-helpdesk", "Eerstelijns ICT-ondersteuning", "first-line IT support"),
  S ("hardware-assembly", "Computers in elkaar zetten", "assembling computers"),
  S ("software-testing", "Software testen", "testing software"),
  S ("data-labelling", "Gegevens labelen", "labelling data"),
  S ("content-moderation", "Online inhoud beoordelen", "moderating online content"),
  S ("web-shop-admin", "Webwinkel bijhouden", "maintaining a web shop"),
  S ("social-media", "Sociale media bijhouden", "maintaining social media"),
  S ("photo-products", "Producten fotograferen", "photographing products"),
  S ("device-refurbishing", "Apparaten opknappen", "refurbishing devices"),
  /* Transport and mobility */
  S ("driving-licence-b", "Autorijden (rijbewijs B)", "driving a car (licence B)"),
  S ("passenger-transport", "Personen vervoeren", "transporting passengers"),
  S ("bicycle-repair", "Fietsen repareren", "repairing bicycles"),
  S ("vehicle-checks", "Voertuig controleren voor vertrek", "checking a vehicle before departure"),
  S ("navigation", "Navigeren", "navigating"),
  K ("traffic-rules", "Kennis van verkeersregels", "knowledge of traffic rules"),
  /* Education and childcare support */
  S ("classroom-support", "Ondersteunen in de klas", "supporting in the classroom"),
  S ("playground-supervision", "Toezicht houden op het plein", "supervising a playground"),
  S ("homework-support", "Huiswerkbegeleiding", "supporting homework"),
  S ("sports-coaching", "Sport en beweging begeleiden", "coaching sport and exercise"),
};

typedef struct {
  const char *slug;
  const char *label_nl;
  const char *isco_group;
  const char *essential;  /* competence slugs, comma-separated */
  const char *optional;
} StarterOccupation;

static const StarterOccupation occupations[] = {
  { "orderpicker", "orderpicker", "9333", "order-picking,scanner-use,accuracy,physical-fitness,lifting-technique", "electric-pallet-truck,warehouse-management-system,shift-work" },
  { "magazijnmedewerker", "magazijnmedewerker", "4321", "receiving-deliveries,inventory-control,pallet-truck,accuracy,lifting-technique", "forklift,warehouse-management-system,shipping-documents" },
  { "heftruckchauffeur", "heftruckchauffeur", "8344", "forklift,safety-awareness,loading-unloading,vca-safety", "reach-truck,warehouse-management-system,shift-work" },
  { "inpakker", "inpakker", "9321", "packing,accuracy,repetitive-work,following-instructions", "packaging-machine,quality-control,standing-work" },
  { "productiemedewerker", "productiemedewerker", "9329", "production-line,following-instructions,repetitive-work,accuracy,safety-awareness", "machine-operation,quality-control,shift-work" },
  { "machineoperator", "machineoperator", "8189", "machine-operation,machine-setup,quality-control,technical-insight", "reading-drawings,iso-procedures,shift-work" },
  { "assemblagemedewerker", "assemblagemedewerker", "8219", "assembly,hand-tools,accuracy,following-instructions", "power-tools,reading-drawings,quality-control" },
  { "kwaliteitscontroleur", "medewerker kwaliteitscontrole", "7543", "quality-control,visual-inspection,accuracy,concentration", "iso-procedures,data-entry,measuring" },
  { "lasser", "lasser", "7212", "welding,reading-drawings,safety-awareness,metalworking", "sheet-metal,vca-safety,measuring" },
  { "schoonmaker", "schoonmaker", "9112", "cleaning-offices,cleaning-sanitary,cleaning-agents,independence", "cleaning-machines,floor-care,waste-separation,reliability" },
  { "schoonmaker-zorg", "schoonmaker in de zorg", "9112", "hospital-cleaning,hygiene,cleaning-agents,disinfection", "privacy-care,cleaning-machines,empathy,accuracy" },
  { "glazenwasser", "glazenwasser", "9123", "window-cleaning,safety-awareness,independence,physical-fitness", "driving-licence-b,customer-contact" },
  { "medewerker-wasserij", "medewerker wasserij", "9121", "laundry,ironing,repetitive-work,accuracy", "standing-work,quality-control" },
  { "keukenhulp", "keukenhulp", "9412", "dishwashing,kitchen-hygiene,cutting-vegetables,teamwork", "food-preparation,haccp,mise-en-place,stress-resistance" },
  { "zelfstandig-kok", "kok", "5120", "cooking-basic,food-preparation,kitchen-hygiene,haccp,stress-resistance", "food-allergens,planning-own-work" },
  { "medewerker-bediening", "medewerker bediening", "5131", "serving-tables,taking-orders,customer-friendliness,teamwork", "bar-work,coffee-making,cash-register" },
  { "barmedewerker", "barmedewerker", "5132", "bar-work,coffee-making,cash-register,customer-friendliness", "weekend-work,stress-resistance" },
  { "kamermeisje", "medewerker housekeeping", "9111", "room-cleaning,bed-making,accuracy,independence", "laundry,cleaning-agents" },
  { "gastheer-recreatie", "medewerker recreatie", "5169", "guest-welcome,customer-friendliness,service-orientation", "attraction-operation,ticket-sales,event-support" },
  { "kassamedewerker", "kassamedewerker", "5230", "cash-register,money-handling,customer-friendliness,accuracy", "selling,stress-resistance" },
  { "vakkenvuller", "vakkenvuller", "9334", "shelf-stacking,product-presentation,receiving-deliveries,accuracy", "pricing,stock-counting,fresh-products,labelling-goods" },
  { "verkoopmedewerker", "verkoopmedewerker", "5223", "selling,advising-customers,customer-contact,cash-register", "product-presentation,stock-counting" },
  { "medewerker-vers", "medewerker versafdeling", "5223", "fresh-products,hygiene,customer-friendliness,haccp", "food-preparation,cash-register" },
  { "callcentermedewerker", "callcentermedewerker", "4222", "telephone-skills,customer-contact,crm-systems,dutch-speaking,listening", "script-following,complaint-handling,stress-resistance" },
  { "klantenservice", "medewerker klantenservice", "4222", "customer-contact,complaint-handling,crm-systems,email,dutch-writing", "chat-support,telephone-skills,german-basic" },
  { "receptionist", "receptionist", "4226", "reception,telephone-skills,appointment-making,representative", "switchboard,computer-basics,english-basic" },
  { "administratief-medewerker", "administratief medewerker", "4110", "data-entry,filing,office-software,accuracy", "invoice-processing,correspondence,privacy-avg" },
  { "postkamer", "medewerker postkamer", "4412", "mail-processing,sorting-parcels,accuracy,reliability", "scanning-documents,copying-printing" },
  { "documentscanner", "medewerker documentverwerking", "4132", "scanning-documents,data-entry,concentration,accuracy", "filing,privacy-avg" },
  { "helpende-zorg", "helpende zorg en welzijn", "5322", "personal-care,household-support,empathy,reporting-care", "meal-support,lifting-aids,first-aid" },
  { "huishoudelijke-hulp", "huishoudelijke hulp", "9111", "household-support,cleaning-agents,independence,reliability", "empathy,elderly-support" },
  { "gastvrouw-zorg", "gastvrouw in de zorg", "5329", "host-care,meal-support,empathy,customer-friendliness", "activity-support,dementia-awareness,coffee-making" },
  { "activiteitenbegeleider", "activiteitenbegeleider", "3412", "activity-support,empathy,communication,patience", "disability-support,sports-coaching" },
  { "pedagogisch-hulp", "hulp kinderopvang", "5311", "childcare,patience,hygiene,safety-awareness", "playground-supervision,first-aid" },
  { "onderwijsassistent", "onderwijsassistent", "5312", "classroom-support,patience,communication,dutch-speaking", "homework-support,playground-supervision" },
  { "hovenier-hulp", "medewerker groenvoorziening", "9214", "gardening,mowing,weeding,physical-fitness", "pruning,leaf-blower,hedge-trimming,plant-knowledge" },
  { "hovenier", "hovenier", "6113", "gardening,pruning,planting,paving,plant-knowledge", "leaf-blower,driving-licence-b" },
  { "kasmedewerker", "medewerker glastuinbouw", "9214", "greenhouse-work,harvesting,repetitive-work,physical-fitness", "planting,teamwork" },
  { "medewerker-openbare-ruimte", "medewerker openbare ruimte", "9613", "street-cleaning,safety-awareness,physical-fitness,independence", "leaf-blower,recycling-sorting" },
  { "dierenverzorger", "dierenverzorger", "5164", "animal-care,reliability,hygiene,independence", "weekend-work,physical-fitness" },
  { "bouwhulp", "bouwhulp", "9313", "construction-helper,site-cleaning,vca-safety,physical-fitness", "demolition,power-tools,teamwork" },
  { "schilder", "schilder", "7131", "painting,neatness,hand-tools,accuracy", "plastering,vca-safety" },
  { "stratenmaker", "stratenmaker", "7112", "paving,physical-fitness,vca-safety,measuring", "road-works,teamwork" },
  { "zonnepanelenmonteur", "monteur zonnepanelen", "7411", "solar-panels,electrical-basics,safety-awareness,vca-safety", "power-tools,teamwork,physical-fitness" },
  { "installatiemonteur-hulp", "assistent installatiemonteur", "7126", "installation-basics,hand-tools,technical-insight,vca-safety", "electrical-basics,reading-drawings" },
  { "chauffeur-bestelbus", "chauffeur bestelbus", "8322", "driving-van,parcel-delivery,navigation,traffic-rules,customer-friendliness", "route-planning,loading-unloading" },
  { "pakketbezorger", "pakketbezorger", "9621", "parcel-delivery,sorting-parcels,navigation,driving-licence-b", "smartphone-apps,physical-fitness" },
  { "vrachtwagenchauffeur", "vrachtwagenchauffeur", "8332", "driving-truck,loading-unloading,traffic-rules,vehicle-checks,shipping-documents", "route-planning,independence,tachograph,dangerous-goods" },
  { "taxichauffeur", "chauffeur personenvervoer", "8322", "passenger-transport,driving-licence-b,customer-friendliness,traffic-rules", "navigation,patience" },
  { "fietsenmaker", "fietsenmaker", "7234", "bicycle-repair,hand-tools,technical-insight,customer-contact", "selling,independence" },
  { "autopoetser", "autopoetser", "9122", "car-cleaning,accuracy,independence,cleaning-agents", "customer-friendliness,environmental-awareness" },
  { "bandenmonteur", "bandenmonteur", "7231", "tyre-fitting,car-maintenance,safety-awareness,hand-tools", "customer-contact,physical-fitness" },
  { "productiemedewerker-automotive", "productiemedewerker automotive", "8211", "automotive-assembly,production-line,quality-control,shift-work", "power-tools,iso-procedures" },
  { "medewerker-medische-logistiek", "medewerker medische logistiek", "4321", "medical-goods-handling,order-picking,accuracy,iso-procedures", "cold-chain,warehouse-management-system" },
  { "ict-helpdesk", "medewerker ICT-helpdesk", "3512", "it-helpdesk,computer-basics,telephone-skills,problem-solving", "hardware-assembly,english-basic" },
  { "data-labelaar", "medewerker datalabeling", "4132", "data-labelling,computer-basics,concentration,accuracy", "english-basic,content-moderation" },
  { "refurbisher", "medewerker refurbishment", "7422", "device-refurbishing,hand-tools,technical-insight,accuracy", "software-testing,quality-control" },
  { "webshopmedewerker", "medewerker webwinkel", "4321", "web-shop-admin,packing,computer-basics,accuracy", "photo-products,customer-contact" },
  { "beveiliger", "beveiliger", "5414", "security-rounds,access-control,reliability,communication", "bhv,first-aid,shift-work" },
  { "facilitair-medewerker", "facilitair medewerker", "9629", "facility-support,mail-room,catering-service,service-orientation", "copying-printing,bhv" },
  { "sorteerder-recycling", "sorteerder recycling", "9612", "recycling-sorting,repetitive-work,safety-awareness,physical-fitness", "machine-operation,teamwork" },
  { "voedingsproductie", "productiemedewerker voeding", "9329", "food-production,haccp,hygiene,production-line", "packaging-machine,shift-work" },
};

static char *
competence_uri (const char *slug)
{
  return g_strconcat ("urn:werkbrug:starter:c:", slug, NULL);
}

static gint64
competence_id (WbStore    *store,
               const char *slug)
{
  g_autofree char *uri = competence_uri (slug);
  sqlite3_stmt *stmt = _wb_store_prepare (store, "SELECT id FROM competences WHERE uri = ?1", NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uri, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

static gboolean
link_competences (WbStore     *store,
                  gint64       occupation_id,
                  const char  *slugs,
                  gboolean     essential,
                  GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (slugs, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 id = competence_id (store, parts[i]);
      sqlite3_stmt *stmt;

      /* The tables are ours: a slug that names nothing is a mistake in this file. */
      g_assert (id > 0);
      stmt = _wb_store_prepare (store,
                                "INSERT INTO occupation_competences (occupation_id, competence_id, essential) "
                                "VALUES (?1, ?2, ?3) ON CONFLICT DO UPDATE SET essential = excluded.essential",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, occupation_id);
      sqlite3_bind_int64 (stmt, 2, id);
      sqlite3_bind_int (stmt, 3, essential);
      if (!_wb_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_all (WbStore  *store,
          GError  **error)
{
  g_autofree char *now = wb_store_now ();
  sqlite3_stmt *stmt;

  for (guint i = 0; i < G_N_ELEMENTS (competences); i++)
    {
      g_autofree char *uri = competence_uri (competences[i].slug);

      stmt = _wb_store_prepare (store,
                                "INSERT INTO competences (uri, label_nl, label_en, kind, source, created_at) "
                                "VALUES (?1, ?2, ?3, ?4, 'starter', ?5) ON CONFLICT (uri) DO UPDATE SET "
                                "label_nl = excluded.label_nl, label_en = excluded.label_en, kind = excluded.kind",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, uri, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, competences[i].label_nl, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, competences[i].label_en, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, competences[i].kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, now, -1, SQLITE_STATIC);
      if (!_wb_store_step_done (store, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (occupations); i++)
    {
      g_autofree char *uri = g_strconcat ("urn:werkbrug:starter:o:", occupations[i].slug, NULL);
      gint64 id = 0;

      stmt = _wb_store_prepare (store,
                                "INSERT INTO occupations (uri, isco_group, label_nl, source, created_at) "
                                "VALUES (?1, ?2, ?3, 'starter', ?4) ON CONFLICT (uri) DO UPDATE SET "
                                "isco_group = excluded.isco_group, label_nl = excluded.label_nl RETURNING id",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, uri, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, occupations[i].isco_group, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, occupations[i].label_nl, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (id == 0)
        {
          _wb_store_set_error (store, error, "starter occupation");
          return FALSE;
        }
      if (!link_competences (store, id, occupations[i].essential, TRUE, error) ||
          !link_competences (store, id, occupations[i].optional, FALSE, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
wb_starter_taxonomy_load (WbStore  *store,
                          GError  **error)
{
  gboolean own_transaction;

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);

  own_transaction = sqlite3_get_autocommit (_wb_store_get_db (store));
  if (own_transaction && !wb_store_begin (store, error))
    return FALSE;
  if (!load_all (store, error))
    {
      if (own_transaction)
        wb_store_rollback (store);
      return FALSE;
    }
  return !own_transaction || wb_store_commit (store, error);
}

guint
wb_starter_taxonomy_n_competences (void)
{
  return G_N_ELEMENTS (competences);
}

guint
wb_starter_taxonomy_n_occupations (void)
{
  return G_N_ELEMENTS (occupations);
}
