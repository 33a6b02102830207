using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using ItaBot.House;

// Usage: House <service.dll> [<library.dll>...]  Prints the folder graph of each assembly and every type that touches a
// storage engine outside its folder (LiteDB outside a LiteDb folder, Npgsql or Hangfire.PostgreSql outside a PostgreSql
// folder); in the service (the first assembly) every cycle between feature folders is a broken
// rule too (a library's root namespace is its public face and may use its own sub-folders both ways). Exits 1 when a
// rule is broken.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: House <service.dll> [<library.dll>...]");
    return 2;
}

var broken = 0;
for (var i = 0; i < args.Length; i++)
{
    var house = AssemblyHouse.Read(args[i]);
    broken += house.Print(Console.Out, cyclesBreakRules: i == 0);
}

Console.WriteLine(broken == 0 ? "house rules hold" : $"house rules broken: {broken.ToString(CultureInfo.InvariantCulture)}");
return broken == 0 ? 0 : 1;

namespace ItaBot.House
{
    /// <summary>A storage engine whose types stay in folders of one name (or a project whose name ends in it).</summary>
    internal sealed record Engine(string Name, string Folder, string[] Assemblies)
    {
        public static readonly Engine[] All =
        [
            new("LITEDB", "LiteDb", ["LiteDB"]),
            new("NPGSQL", "PostgreSql", ["Npgsql", "Hangfire.PostgreSql"]),
        ];
    }

    /// <summary>One assembly's types grouped by feature folder (the namespace segment after the assembly's root namespace).</summary>
    internal sealed class AssemblyHouse
    {
        private readonly string _name;
        private readonly Dictionary<(string From, string To), SortedSet<string>> _edges = [];
        private readonly SortedDictionary<string, SortedSet<string>>[] _outsideTypes = [.. Engine.All.Select(_ => new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal))];
        private readonly SortedSet<string> _features = new(StringComparer.Ordinal);
        private readonly SortedSet<string>[] _outsideFiles = [.. Engine.All.Select(_ => new SortedSet<string>(StringComparer.Ordinal))];

        private AssemblyHouse(string name) => _name = name;

        public static AssemblyHouse Read(string path)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var reader = pe.GetMetadataReader();
            var name = reader.GetString(reader.GetAssemblyDefinition().Name);
            var house = new AssemblyHouse(name);
            var pdbPath = Path.ChangeExtension(path, ".pdb");
            using var pdbProvider = File.Exists(pdbPath) ? MetadataReaderProvider.FromPortablePdbStream(File.OpenRead(pdbPath)) : null;
            house.Scan(pe, reader, pdbProvider?.GetMetadataReader());
            return house;
        }

        private void Scan(PEReader pe, MetadataReader reader, MetadataReader? pdb)
        {
            var engineOf = new Dictionary<EntityHandle, int>();
            foreach (var h in reader.AssemblyReferences)
            {
                var assembly = reader.GetString(reader.GetAssemblyReference(h).Name);
                var engine = Array.FindIndex(Engine.All, e => e.Assemblies.Contains(assembly, StringComparer.Ordinal));
                if (engine >= 0)
                {
                    engineOf[h] = engine;
                }
            }

            var collector = new Collector(reader, engineOf);

            foreach (var typeHandle in reader.TypeDefinitions)
            {
                var owner = Owner(reader, typeHandle);
                var feature = Feature(reader, owner);
                if (feature is null || IsCompositionRoot(reader, owner))
                {
                    continue;   // Program wires every feature by design; its references are not the features' own.
                }

                _features.Add(feature);
                var ns = reader.GetString(reader.GetTypeDefinition(owner).Namespace);
                var outside = Engine.All.Select(e => !ns.Split('.').Contains(e.Folder) && !_name.EndsWith("." + e.Folder, StringComparison.Ordinal)).ToArray();
                var type = reader.GetTypeDefinition(typeHandle);
                collector.Reset();
                collector.Add(type.BaseType);
                foreach (var i in type.GetInterfaceImplementations())
                {
                    collector.Add(reader.GetInterfaceImplementation(i).Interface);
                }

                foreach (var f in type.GetFields())
                {
                    reader.GetFieldDefinition(f).DecodeSignature(collector, null);
                }

                foreach (var m in type.GetMethods())
                {
                    var method = reader.GetMethodDefinition(m);
                    method.DecodeSignature(collector, null);
                    if (method.RelativeVirtualAddress != 0)
                    {
                        collector.Mark();
                        collector.ReadBody(pe.GetMethodBody(method.RelativeVirtualAddress));
                        for (var e = 0; e < Engine.All.Length; e++)
                        {
                            if (collector.TouchedSinceMark[e] && outside[e] && pdb is not null)
                            {
                                // The source file of every method whose body uses the engine outside its folder.
                                var info = pdb.GetMethodDebugInformation(m);
                                if (!info.Document.IsNil)
                                {
                                    _outsideFiles[e].Add(pdb.GetString(pdb.GetDocument(info.Document).Name));
                                }
                            }
                        }
                    }
                }

                foreach (var target in collector.Definitions)
                {
                    var to = Feature(reader, Owner(reader, target));
                    if (to is not null && to != feature)
                    {
                        Edge(feature, to).Add(FullName(reader, owner) + " → " + FullName(reader, Owner(reader, target)));
                    }
                }

                for (var e = 0; e < Engine.All.Length; e++)
                {
                    if (collector.Touches[e] && outside[e])
                    {
                        if (!_outsideTypes[e].TryGetValue(feature, out var types))
                        {
                            _outsideTypes[e][feature] = types = new SortedSet<string>(StringComparer.Ordinal);
                        }

                        types.Add(FullName(reader, owner));
                    }
                }
            }
        }

        private SortedSet<string> Edge(string from, string to)
        {
            if (!_edges.TryGetValue((from, to), out var set))
            {
                _edges[(from, to)] = set = new SortedSet<string>(StringComparer.Ordinal);
            }

            return set;
        }

        /// <summary>Prints the graph, the cycles and the storage engines' findings; returns how many rules are broken.</summary>
        public int Print(TextWriter output, bool cyclesBreakRules)
        {
            output.WriteLine($"# {_name}: {_features.Count} feature folders, {_edges.Count} references between them");
            foreach (var from in _features)
            {
                var targets = _edges.Keys.Where(e => e.From == from).Select(e => $"{e.To} ({_edges[e].Count})").ToList();
                output.WriteLine($"  {from} → {(targets.Count == 0 ? "-" : string.Join(", ", targets))}");
            }

            var cycles = StronglyConnected();
            foreach (var cycle in cycles)
            {
                output.WriteLine($"{(cyclesBreakRules ? "CYCLE" : "cycle (allowed in a library)")} {{{string.Join(", ", cycle)}}}");
                foreach (var ((from, to), refs) in _edges.Where(e => cycle.Contains(e.Key.From) && cycle.Contains(e.Key.To)).OrderBy(e => e.Key))
                {
                    output.WriteLine($"  {from} → {to}: {refs.Count} type references, e.g. {string.Join("; ", refs.Take(3))}");
                }
            }

            var engineRules = 0;
            for (var e = 0; e < Engine.All.Length; e++)
            {
                var outsideTypes = _outsideTypes[e].Values.Sum(s => s.Count);
                if (outsideTypes > 0)
                {
                    engineRules++;
                    output.WriteLine($"{Engine.All[e].Name} outside a {Engine.All[e].Folder} folder: {outsideTypes} types in {_outsideTypes[e].Count} folders, {_outsideFiles[e].Count} files");
                    foreach (var (feature, types) in _outsideTypes[e])
                    {
                        output.WriteLine($"  {feature}: {string.Join(", ", types)}");
                    }
                }
            }

            return (cyclesBreakRules ? cycles.Count : 0) + engineRules;
        }

        /// <summary>Tarjan's strongly connected components of more than one folder: each is a cycle to break.</summary>
        private List<SortedSet<string>> StronglyConnected()
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var low = new Dictionary<string, int>(StringComparer.Ordinal);
            var stack = new Stack<string>();
            var onStack = new HashSet<string>(StringComparer.Ordinal);
            var result = new List<SortedSet<string>>();
            var next = 0;

            void Visit(string v)
            {
                index[v] = low[v] = next++;
                stack.Push(v);
                onStack.Add(v);
                foreach (var w in _edges.Keys.Where(e => e.From == v).Select(e => e.To))
                {
                    if (!index.TryGetValue(w, out var seen))
                    {
                        Visit(w);
                        low[v] = Math.Min(low[v], low[w]);
                    }
                    else if (onStack.Contains(w))
                    {
                        low[v] = Math.Min(low[v], seen);
                    }
                }

                if (low[v] == index[v])
                {
                    var component = new SortedSet<string>(StringComparer.Ordinal);
                    string w;
                    do
                    {
                        w = stack.Pop();
                        onStack.Remove(w);
                        component.Add(w);
                    }
                    while (w != v);
                    if (component.Count > 1)
                    {
                        result.Add(component);
                    }
                }
            }

            foreach (var feature in _features.Where(f => !index.ContainsKey(f)))
            {
                Visit(feature);
            }

            return result;
        }

        private static bool IsCompositionRoot(MetadataReader reader, TypeDefinitionHandle owner)
        {
            var type = reader.GetTypeDefinition(owner);
            return reader.GetString(type.Name) == "Program" && type.Namespace.IsNil;
        }

        private static TypeDefinitionHandle Owner(MetadataReader reader, TypeDefinitionHandle handle)
        {
            while (true)
            {
                var declaring = reader.GetTypeDefinition(handle).GetDeclaringType();
                if (declaring.IsNil)
                {
                    return handle;
                }

                handle = declaring;
            }
        }

        /// <summary>"Cases" for ItaBot.Cases.CaseService in ItaBot; "(root)" for the root namespace; null for &lt;Module&gt; and the like.</summary>
        private string? Feature(MetadataReader reader, TypeDefinitionHandle owner)
        {
            var ns = reader.GetString(reader.GetTypeDefinition(owner).Namespace);
            if (ns.Length == 0 || !ns.StartsWith(_name, StringComparison.Ordinal))
            {
                return ns.Length == 0 && reader.GetString(reader.GetTypeDefinition(owner).Name) == "Program" ? "(root)" : null;
            }

            var rest = ns[_name.Length..].TrimStart('.');
            return rest.Length == 0 ? "(root)" : rest.Split('.')[0];
        }

        private static string FullName(MetadataReader reader, TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            return reader.GetString(type.Name);
        }
    }

    /// <summary>Collects the type definitions a type's signatures and IL name, and which storage engines' types they touch.</summary>
    internal sealed class Collector(MetadataReader reader, Dictionary<EntityHandle, int> engineOf) : ISignatureTypeProvider<int, object?>
    {
        private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(o => o.Value, o => o.OperandType);

        public HashSet<TypeDefinitionHandle> Definitions { get; } = [];

        /// <summary>Per <see cref="Engine.All"/>: whether the type touches the engine.</summary>
        public bool[] Touches { get; } = new bool[Engine.All.Length];

        /// <summary>Per <see cref="Engine.All"/>: whether the engine was touched since <see cref="Mark"/>.</summary>
        public bool[] TouchedSinceMark { get; } = new bool[Engine.All.Length];

        public void Reset()
        {
            Definitions.Clear();
            Array.Clear(Touches);
        }

        public void Mark() => Array.Clear(TouchedSinceMark);

        public void Add(EntityHandle handle)
        {
            if (handle.IsNil)
            {
                return;
            }

            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    Definitions.Add((TypeDefinitionHandle)handle);
                    break;
                case HandleKind.TypeReference:
                    Reference((TypeReferenceHandle)handle);
                    break;
                case HandleKind.TypeSpecification:
                    reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null);
                    break;
                case HandleKind.MethodDefinition:
                    Definitions.Add(reader.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType());
                    break;
                case HandleKind.FieldDefinition:
                    Definitions.Add(reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType());
                    break;
                case HandleKind.MemberReference:
                    var member = reader.GetMemberReference((MemberReferenceHandle)handle);
                    Add(member.Parent);
                    if (member.GetKind() == MemberReferenceKind.Method)
                    {
                        member.DecodeMethodSignature(this, null);
                    }
                    else
                    {
                        member.DecodeFieldSignature(this, null);
                    }

                    break;
                case HandleKind.MethodSpecification:
                    var spec = reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                    Add(spec.Method);
                    spec.DecodeSignature(this, null);
                    break;
            }
        }

        private void Reference(TypeReferenceHandle handle)
        {
            var scope = reader.GetTypeReference(handle).ResolutionScope;
            while (scope.Kind == HandleKind.TypeReference)
            {
                scope = reader.GetTypeReference((TypeReferenceHandle)scope).ResolutionScope;
            }

            if (engineOf.TryGetValue(scope, out var engine))
            {
                Touches[engine] = TouchedSinceMark[engine] = true;
            }
        }

        /// <summary>Every metadata token in the method's IL (calls, news, casts, field accesses, ldtoken).</summary>
        public void ReadBody(MethodBodyBlock body)
        {
            if (!body.LocalSignature.IsNil)
            {
                var locals = reader.GetStandaloneSignature(body.LocalSignature);
                _ = locals.DecodeLocalSignature(this, null);
            }

            var il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                short code = il.ReadByte();
                if (code == 0xFE)
                {
                    code = unchecked((short)(0xFE00 | il.ReadByte()));
                }

                if (!Operands.TryGetValue(code, out var operand))
                {
                    throw new InvalidOperationException($"unknown opcode {code:X} at {il.Offset - 1}");
                }

                switch (operand)
                {
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                        il.Offset += 1;
                        break;
                    case OperandType.InlineVar:
                        il.Offset += 2;
                        break;
                    case OperandType.InlineI8 or OperandType.InlineR:
                        il.Offset += 8;
                        break;
                    case OperandType.InlineSwitch:
                        var targets = il.ReadInt32();   // read first: `Offset += Read…` would add to the offset before the read
                        il.Offset += 4 * targets;
                        break;
                    case OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineField or OperandType.InlineTok:
                        Add(MetadataTokens.EntityHandle(il.ReadInt32()));
                        break;
                    default:
                        il.Offset += 4;   // InlineI, InlineBrTarget, ShortInlineR, InlineString, InlineSig
                        break;
                }
            }
        }

        public int GetTypeFromDefinition(MetadataReader r, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            Definitions.Add(handle);
            return 0;
        }

        public int GetTypeFromReference(MetadataReader r, TypeReferenceHandle handle, byte rawTypeKind)
        {
            Reference(handle);
            return 0;
        }

        public int GetTypeFromSpecification(MetadataReader r, object? context, TypeSpecificationHandle handle, byte rawTypeKind)
        {
            Add(handle);
            return 0;
        }

        public int GetArrayType(int elementType, ArrayShape shape) => 0;

        public int GetByReferenceType(int elementType) => 0;

        public int GetFunctionPointerType(MethodSignature<int> signature) => 0;

        public int GetGenericInstantiation(int genericType, ImmutableArray<int> typeArguments) => 0;

        public int GetGenericMethodParameter(object? genericContext, int index) => 0;

        public int GetGenericTypeParameter(object? genericContext, int index) => 0;

        public int GetModifiedType(int modifier, int unmodifiedType, bool isRequired) => 0;

        public int GetPinnedType(int elementType) => 0;

        public int GetPointerType(int elementType) => 0;

        public int GetPrimitiveType(PrimitiveTypeCode typeCode) => 0;

        public int GetSZArrayType(int elementType) => 0;
    }
}
